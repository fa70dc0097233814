package org.abiguard.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.abiguard.libvirt.DomainReader;
import org.abiguard.libvirt.DomainReading;
import org.abiguard.libvirt.FetchedDomain;
import org.abiguard.libvirt.HostCapabilities;
import org.abiguard.libvirt.HostFacts;
import org.abiguard.libvirt.HostFactsReader;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.PrintableText;
import org.abiguard.AbiguardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jdbi.v3.core.Jdbi;

/**
 * One snapshot pass of one host: read every domain of every connection, then write the archive
 * in one transaction ({@link ArchiveWriter}). Nothing is written until everything was read, so a
 * libvirt failure mid-read leaves the archive as it was. Not thread-safe; one pass at a time per
 * instance (concurrent passes of one host serialise on a database lock).
 */
public final class SnapshotPass {
    private static final Logger log = LoggerFactory.getLogger(SnapshotPass.class);
    private final Jdbi jdbi; // null while the database is unreachable: the pass is then observed for the spool
    private final String hostName;
    private final PassHooks hooks;

    public SnapshotPass(Jdbi jdbi, String hostName) {
        this(jdbi, hostName, PassHooks.NONE);
    }

    /**
     * {@code jdbi} null: observe only (the database is unreachable and the observation goes to the spool).
     * {@code hooks}: where fault tests act inside the pass; {@link PassHooks#NONE} in production.
     */
    public SnapshotPass(Jdbi jdbi, String hostName, PassHooks hooks) {
        this.jdbi = jdbi;
        this.hostName = hostName;
        this.hooks = hooks;
    }

    public PassSummary run(List<LibvirtConnection> connections) {
        return write(observe(connections));
    }

    /** Writes an observation (a fresh one, or one replayed from the spool) in one transaction. */
    public PassSummary write(HostObservation observation) {
        return ArchiveWriter.write(jdbi, observation, hooks.beforeCommit());
    }

    /** Reads libvirt and compares nothing yet; the facts come from the first connection. */
    public HostObservation observe(List<LibvirtConnection> connections) {
        Instant startedAt = Instant.now();
        long startedNanos = System.nanoTime();
        String capabilitiesXml = HostCapabilities.capabilitiesXml(connections.get(0));
        HostFacts facts = HostFactsReader.read(connections.get(0), capabilitiesXml);
        Optional<HostCapabilities> capabilities = capabilities(connections.get(0), capabilitiesXml, facts);
        Map<UUID, FetchedDomain> seen = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (LibvirtConnection connection : connections) {
            DomainReading reading = DomainReader.readAll(connection, hooks.beforeFetch());
            reading.domains().forEach(d -> seen.putIfAbsent(d.uuid(), d));
            skipped.addAll(reading.skipped());
        }
        Set<UUID> gone = confirmMissing(connections, seen);
        List<ObservedDomain> observed = new ArrayList<>();
        for (FetchedDomain domain : seen.values()) {
            try {
                observed.add(ObservedDomain.of(domain));
            } catch (RuntimeException e) {
                // One domain whose XML cannot be parsed (a name with ESC, invalid in XML 1.0) must not stop the host.
                String name = PrintableText.of(domain.name());
                log.error("domain '{}' ({}) cannot be archived: {}; the other domains are", name, domain.uuid(),
                        PrintableText.of(AbiguardException.oneLine(e.getMessage())));
                skipped.add(name + " (" + domain.uuid() + "): unparsable XML");
            }
        }
        return new HostObservation(UUID.randomUUID(), hostName, startedAt, startedNanos, facts, observed, gone, skipped,
                capabilities);
    }

    /** Capabilities are for preflight: a host whose libvirt cannot give them is still archived. */
    private static Optional<HostCapabilities> capabilities(LibvirtConnection connection, String xml, HostFacts facts) {
        try {
            return Optional.of(HostCapabilities.read(connection, xml, facts));
        } catch (RuntimeException e) {
            log.warn("capabilities of {} not recorded this pass: {}", connection.uri(), AbiguardException.oneLine(e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * The listing is two calls (running, then defined), so a domain that starts or stops between
     * them is in neither: before calling an expected domain gone, look it up by UUID.
     */
    private Set<UUID> confirmMissing(List<LibvirtConnection> connections, Map<UUID, FetchedDomain> seen) {
        if (jdbi == null) {
            return Set.of(); // without the archive nothing is expected; the next pass marks gone domains
        }
        List<UUID> expected;
        try {
            expected = jdbi.withExtension(HostDao.class, hosts -> hosts.findId(hostName))
                    .map(hostId -> jdbi.withExtension(DomainDao.class, domains -> domains.presentOn(hostId)))
                    .orElse(List.of());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailableException.isConnectionLoss(e)) {
                throw e;
            }
            return Set.of(); // the database went away: this observation is spooled, the next pass marks gone domains
        }
        Set<UUID> gone = new HashSet<>();
        for (UUID uuid : expected) {
            if (seen.containsKey(uuid)) {
                continue;
            }
            Optional<FetchedDomain> found = Optional.empty();
            for (LibvirtConnection connection : connections) {
                found = found.or(() -> DomainReader.readOne(connection, uuid));
            }
            found.ifPresentOrElse(d -> seen.put(uuid, d), () -> gone.add(uuid));
        }
        return gone;
    }
}
