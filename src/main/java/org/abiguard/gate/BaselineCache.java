package org.abiguard.gate;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.abiguard.AbiguardException;
import org.abiguard.archive.AtomicFiles;
import org.abiguard.drift.DriftDao;
import org.jdbi.v3.core.Jdbi;

/**
 * The hook's copy of each local domain's baseline, so a start is judged without the database or libvirt:
 * {@code STATE_DIR/gate/baselines/<uuid>.xml} (the baseline's XML) and {@code index.properties}
 * ({@code <uuid>=<version> <name>}), every file 0600, written atomically. Refreshed by every pass
 * ({@code snapshot}, {@code audit}, the daemon) and by {@code accept}; a refresh reads from the archive only
 * the XML of baselines that changed, so an unchanged fleet costs one small query. Not thread-safe for
 * writers (passes of one state directory are serialised by the spool lock); readers see whole files.
 */
public final class BaselineCache {
    /** One cached baseline. */
    public record Entry(UUID uuid, String name, int version, String xml) {
    }

    private final Path dir;

    public BaselineCache(Path stateDir) {
        this.dir = stateDir.resolve("gate").resolve("baselines");
    }

    /** Brings the cache in line with the archive's baselines of {@code hostName}; returns the files written. */
    public int refresh(Jdbi jdbi, String hostName) {
        GateFiles.ensureDirectory(dir);
        Properties index = readIndex();
        Properties next = new Properties();
        Set<String> present = new HashSet<>();
        List<GateDao.BaselineRef> changed = new ArrayList<>();
        for (GateDao.BaselineRef ref : jdbi.withExtension(GateDao.class, dao -> dao.baselinesOn(hostName))) {
            String uuid = ref.uuid().toString();
            present.add(uuid);
            String value = ref.version() + " " + ref.name();
            next.setProperty(uuid, value);
            if (!value.equals(index.getProperty(uuid)) || !Files.isRegularFile(dir.resolve(uuid + ".xml"))) {
                changed.add(ref);
            }
        }
        if (!changed.isEmpty()) {
            // One round trip for every changed baseline (the first refresh of a host fetches them all).
            Map<String, String> xml = jdbi.withExtension(DriftDao.class, dao -> dao.xmls(
                    changed.stream().mapToLong(GateDao.BaselineRef::domainId).toArray(),
                    changed.stream().mapToInt(GateDao.BaselineRef::version).toArray()));
            for (GateDao.BaselineRef ref : changed) {
                AtomicFiles.write(dir.resolve(ref.uuid() + ".xml"), xml.get(ref.domainId() + ":" + ref.version()),
                        AtomicFiles.PRIVATE);
            }
        }
        int written = changed.size();
        for (String stale : index.stringPropertyNames()) {
            if (!present.contains(stale)) {
                deleteQuietly(dir.resolve(stale + ".xml"));
            }
        }
        if (written > 0 || !next.equals(index)) {
            StringWriter out = new StringWriter();
            try {
                next.store(out, "abiguard gate baselines: uuid=version name");
            } catch (IOException e) {
                throw new AbiguardException("cannot write the gate's baseline index: " + e.getMessage(), e);
            }
            AtomicFiles.write(dir.resolve("index.properties"), out.toString(), AtomicFiles.PRIVATE);
        }
        return written;
    }

    /** The baseline of {@code uuid}, or empty when none is cached (a guest never archived). */
    public Optional<Entry> read(UUID uuid) throws IOException {
        Path xml = dir.resolve(uuid + ".xml");
        if (!Files.isRegularFile(xml)) {
            return Optional.empty();
        }
        String value = readIndex().getProperty(uuid.toString(), "0 ?");
        int space = value.indexOf(' ');
        return Optional.of(new Entry(uuid, value.substring(space + 1), Integer.parseInt(value.substring(0, space)),
                Files.readString(xml)));
    }

    /** The UUID of the cached domain named {@code name}, for {@code gate set NAME}. */
    public Optional<UUID> uuidOf(String name) {
        Properties index = readIndex();
        for (String uuid : index.stringPropertyNames()) {
            String value = index.getProperty(uuid);
            if (value.substring(value.indexOf(' ') + 1).equals(name) || uuid.equalsIgnoreCase(name)) {
                return Optional.of(UUID.fromString(uuid));
            }
        }
        return Optional.empty();
    }

    private Properties readIndex() {
        Properties index = new Properties();
        Path file = dir.resolve("index.properties");
        if (Files.isRegularFile(file)) {
            try {
                index.load(new StringReader(Files.readString(file)));
            } catch (IOException e) {
                throw new AbiguardException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return index;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next refresh tries again; a stale baseline of a gone domain judges nothing
        }
    }
}
