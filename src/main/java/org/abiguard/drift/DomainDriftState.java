package org.abiguard.drift;

import java.time.Instant;
import java.util.UUID;

/**
 * What drift needs of one domain: its baseline (accepted, else first inactive), its latest inactive
 * version, and its current live version while it runs (live fields null otherwise). Hosts are the
 * ids of the hosts that first saw each version; {@code domainHost} is where the domain is now;
 * {@code pendingCheck}: the live XML must be compared with the definition (see {@link DriftDao#states}).
 */
public record DomainDriftState(
        long domainId,
        UUID uuid,
        String name,
        String domainHost,
        int baselineVersion,
        String baselineSha256,
        Instant baselineSeen,
        long baselineHostId,
        int inactiveVersion,
        String inactiveSha256,
        Instant inactiveSeen,
        long inactiveHostId,
        Integer liveVersion,
        String liveSha256,
        Long liveHostId,
        boolean pendingCheck) {
}
