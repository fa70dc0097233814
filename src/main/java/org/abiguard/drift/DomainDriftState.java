package org.abiguard.drift;

import java.time.Instant;
import java.util.UUID;
import org.abiguard.libvirt.AbiVerdict;

/**
 * What drift needs of one domain: its baseline (accepted, else first inactive), its latest inactive
 * version, and its current live version while it runs (live fields null otherwise). Hosts are the
 * ids of the hosts that first saw each version; {@code domainHost} is where the domain is now;
 * {@code pendingCheck}: the live XML must be compared with the definition (see {@link DriftDao#states}); the
 * verdict fields are libvirt's archived verdict on the baseline/inactive pair, null while none is archived.
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
        boolean pendingCheck,
        String verdictOutcome,
        String verdictJudge,
        String verdictMessage) {

    /** libvirt's archived verdict on baseline vs latest inactive, or empty while none was archived. */
    public java.util.Optional<AbiVerdict> verdict() {
        return verdictOutcome == null ? java.util.Optional.empty() : java.util.Optional.of(
                new AbiVerdict(AbiVerdict.Outcome.of(verdictOutcome), verdictJudge, verdictMessage));
    }
}
