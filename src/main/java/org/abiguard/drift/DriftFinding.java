package org.abiguard.drift;

import java.time.Instant;
import java.util.List;
import org.abiguard.archive.DomainIdentity;

/**
 * A finding from the archive, in the contract's full shape (PRODUCT.md, "A finding"), plus
 * {@code observed_at}: when the observed version was first archived. {@code judge} and {@code libvirt_message} as in
 * {@link Finding}; {@code judge_note}: why the rules judged (libvirt not asked yet, or unable to take a side), null when
 * libvirt did.
 */
public record DriftFinding(DomainIdentity domain, String host, Category category, boolean guestVisible,
                           boolean libvirtAbi, Severity severity, String device, String xpath, String before,
                           String after, String beyondLibvirt, int baselineVersion, int observedVersion,
                           List<ContextEvent> context, Instant observedAt, String judge, String libvirtMessage,
                           String judgeNote) {

    static DriftFinding of(DomainDriftState state, Finding f, int baselineVersion, int observedVersion,
                           List<ContextEvent> context, String judgeNote) {
        return new DriftFinding(new DomainIdentity(state.uuid().toString(), state.name()), state.domainHost(),
                f.category(), f.guestVisible(), f.libvirtAbi(), f.severity(), f.device(), f.xpath(), f.before(),
                f.after(), f.beyondLibvirt(), baselineVersion, observedVersion, List.copyOf(context),
                state.inactiveSeen(), f.judge(), f.libvirtMessage(), judgeNote);
    }

    /** The finding without its archive fields, as the engine produced it. */
    public Finding finding() {
        return new Finding(category, guestVisible, libvirtAbi, severity, device, xpath, before, after, beyondLibvirt, judge,
                libvirtMessage);
    }
}
