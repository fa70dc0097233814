package org.abiguard.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * The hook's decisions, one JSON line each, appended to {@code STATE_DIR/gate/journal.jsonl} (0600) under an
 * exclusive lock on {@code journal.lock}; the next pass imports them into the archive once
 * ({@code gate_decisions}, keyed by the entry's id): it moves the journal aside under the same lock, inserts,
 * then deletes it, so a decision is imported once and never lost between the two. Thread-safe.
 */
public final class Journal {
    /** Jackson for imports only, loaded on first use: the hook never pays for it. */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
    private final Path dir;

    public Journal(Path stateDir) {
        this.dir = stateDir.resolve("gate");
    }

    public void append(Decision decision) throws IOException {
        GateFiles.ensureDirectory(dir);
        byte[] line = (jsonLine(decision) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel lock = lockChannel(); var held = lock.lock();
             FileChannel out = FileChannel.open(dir.resolve("journal.jsonl"), Set.of(StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE, StandardOpenOption.APPEND), PRIVATE)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        }
    }

    /** Imports every journalled decision of this host; returns how many were new to the archive. */
    public int importInto(Jdbi jdbi, String hostName) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Path journal = dir.resolve("journal.jsonl");
        if (Files.exists(journal)) {
            try (FileChannel lock = lockChannel(); var held = lock.lock()) {
                Files.move(journal, dir.resolve("journal." + UUID.randomUUID() + ".importing"),
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        int imported = 0;
        List<Path> pending;
        try (Stream<Path> files = Files.list(dir)) {
            pending = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".importing")).sorted().toList());
        }
        for (Path file : pending) {
            List<Decision> decisions = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        decisions.add(Reader.MAPPER.readValue(line, Decision.class));
                    } catch (IOException e) {
                        // a torn last line (power loss mid-append): the other decisions still count
                    }
                }
            }
            imported += jdbi.inTransaction(handle -> {
                GateDao dao = handle.attach(GateDao.class);
                int n = 0;
                for (Decision d : decisions) {
                    n += dao.insert(d.id(), hostName, d.domainUuid(), d.domainName(), d.at(), d.operation(), d.mode(),
                            d.verdict(), Reader.MAPPER.writeValueAsString(d.findings()), d.judge());
                }
                return n;
            });
            Files.delete(file);
        }
        return imported;
    }

    /**
     * One decision as a JSON line, written by hand: the hook runs in a fresh JVM at every guest start, and
     * initialising Jackson there costs more than the whole decision. Read back with Jackson on import.
     */
    static String jsonLine(Decision d) {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "id", d.id().toString()).append(',');
        field(out, "at", d.at().toString()).append(',');
        field(out, "domainUuid", d.domainUuid().toString()).append(',');
        field(out, "domainName", d.domainName()).append(',');
        field(out, "operation", d.operation()).append(',');
        field(out, "mode", d.mode()).append(',');
        field(out, "verdict", d.verdict()).append(',');
        if (d.judge() != null) {
            field(out, "judge", d.judge()).append(',');
        }
        out.append("\"findings\":[");
        for (int i = 0; i < d.findings().size(); i++) {
            quoted(out.append(i == 0 ? "" : ","), d.findings().get(i));
        }
        return out.append("]}").toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        return quoted(out.append('"').append(name).append("\":"), value);
    }

    private static StringBuilder quoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE =
            PosixFilePermissions.asFileAttribute(org.abiguard.archive.AtomicFiles.PRIVATE);

    private FileChannel lockChannel() throws IOException {
        return FileChannel.open(dir.resolve("journal.lock"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PRIVATE);
    }
}
