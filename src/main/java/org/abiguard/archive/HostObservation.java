package org.abiguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.abiguard.libvirt.HostFacts;

/**
 * Everything one pass read from libvirt for one host, before anything is written.
 *
 * @param id           identifies the observation: a replayed spool file with an id already written is skipped
 * @param startedNanos {@link System#nanoTime()} at the start of the pass, for its duration
 * @param gone         UUIDs the archive had on this host that libvirt confirmed unknown by UUID lookup
 * @param skipped      domains that vanished between listing and reading
 */
public record HostObservation(UUID id, String hostName, Instant startedAt, long startedNanos, HostFacts facts,
                              List<ObservedDomain> domains, Set<UUID> gone, List<String> skipped) {
    public HostObservation {
        domains = List.copyOf(domains);
        gone = Set.copyOf(gone);
        skipped = List.copyOf(skipped);
    }
}
