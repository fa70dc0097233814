package org.abiguard.restore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One evacuation restore.
 *
 * @param fromHost           the lost host the domain was archived on
 * @param targetUri          the libvirt URI of the healthy host that gets the definition
 * @param targetHost         the archive's name for that host (the domain's host afterwards)
 * @param version            an archived inactive version; empty means the latest
 * @param heartbeatThreshold a host whose last heartbeat is older counts as down (default 10 min)
 * @param requestedBy        the operator, recorded
 * @param allowed            construct kinds ({@code --allow}) restored even when the first version lacked them
 */
public record RestoreRequest(String fromHost, String targetUri, String targetHost, Optional<Integer> version,
                             boolean dryRun, List<PathMapping> mappings, Duration heartbeatThreshold,
                             String requestedBy, java.util.Set<String> allowed) {
    public static final Duration DEFAULT_HEARTBEAT_THRESHOLD = Duration.ofMinutes(10);
    /** What {@code --allow} may name. */
    public static final java.util.Set<String> ALLOWABLE = ArchivedConstructs.KINDS;

    public RestoreRequest {
        mappings = List.copyOf(mappings);
        allowed = java.util.Set.copyOf(allowed);
    }
}
