package org.abiguard.archive;

import java.time.Instant;
import java.util.List;

/**
 * A host as {@code host list} shows it: identity, liveness, its latest facts (nullable when never read) and its
 * host login ({@code db grant-host}; null when it has none).
 */
public record HostSummary(
        String name,
        Instant firstSeen,
        Instant lastPassAt,
        Instant lastHeartbeatAt,
        Instant markedDownAt,
        String markedDownReason,
        long domains,
        String libvirtVersion,
        String hypervisorType,
        String hypervisorVersion,
        String kernelRelease,
        String bootId,
        String cpuModel,
        List<String> machineTypes,
        Instant factsObservedAt,
        String login) {
}
