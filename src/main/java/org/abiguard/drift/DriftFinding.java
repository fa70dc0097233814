package org.abiguard.drift;

import java.util.List;
import org.abiguard.archive.DomainIdentity;

/** A finding from the archive, in the contract's full shape (PRODUCT.md, "A finding"). */
public record DriftFinding(DomainIdentity domain, String host, Category category, boolean guestVisible,
                           Severity severity, String device, String xpath, String before, String after,
                           int baselineVersion, int observedVersion, List<ContextEvent> context) {

    static DriftFinding of(DomainDriftState state, Finding f, int baselineVersion, int observedVersion,
                           List<ContextEvent> context) {
        return new DriftFinding(new DomainIdentity(state.uuid().toString(), state.name()), state.domainHost(),
                f.category(), f.guestVisible(), f.severity(), f.device(), f.xpath(), f.before(), f.after(),
                baselineVersion, observedVersion, List.copyOf(context));
    }
}
