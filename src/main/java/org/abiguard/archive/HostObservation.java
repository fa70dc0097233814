package org.abiguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Optional;
import org.abiguard.libvirt.HostCapabilities;
import org.abiguard.libvirt.HostFacts;

/**
 * Everything one pass read from libvirt for one host, before anything is written.
 *
 * @param id           identifies the observation: a replayed spool file with an id already written is skipped
 * @param startedNanos {@link System#nanoTime()} at the start of the pass, for its duration
 * @param gone         UUIDs the archive had on this host that libvirt confirmed unknown by UUID lookup
 * @param skipped      domains that vanished between listing and reading
 * @param capabilities what preflight judges this host by; empty in a spool file from before it was recorded
 */
public record HostObservation(UUID id, String hostName, Instant startedAt, long startedNanos, HostFacts facts,
                              List<ObservedDomain> domains, Set<UUID> gone, List<String> skipped,
                              Optional<HostCapabilities> capabilities) {
    public HostObservation {
        domains = List.copyOf(domains);
        gone = Set.copyOf(gone);
        skipped = List.copyOf(skipped);
    }

    /** Without capabilities. */
    public HostObservation(UUID id, String hostName, Instant startedAt, long startedNanos, HostFacts facts,
                           List<ObservedDomain> domains, Set<UUID> gone, List<String> skipped) {
        this(id, hostName, startedAt, startedNanos, facts, domains, gone, skipped, Optional.empty());
    }
}
