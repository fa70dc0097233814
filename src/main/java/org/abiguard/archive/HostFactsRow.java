package org.abiguard.archive;

import java.time.Instant;

/** The facts of a host in effect from {@code observedAt} until its next row. */
public record HostFactsRow(long hostId, Instant observedAt, String libvirtVersion, String hypervisorType,
                           String hypervisorVersion, String bootId) {
}
