package org.abiguard.drift;

import java.util.List;
import java.util.Optional;
import org.abiguard.libvirt.AbiVerdict;
import org.abiguard.libvirt.SaveImageJudge;

/**
 * A comparison whose {@code libvirt_abi} libvirt decided: the rules compare (and refuse bad input before libvirt
 * sees it), then the judge, when there is one, answers for the pair ({@link JudgedFindings}). Thread-safe as the
 * judge is.
 *
 * @param findings the findings under the verdict
 * @param verdict  libvirt's verdict, or unjudged with the reason (no judge: "libvirt was not asked")
 */
public record JudgedComparison(List<Finding> findings, AbiVerdict verdict) {

    public static JudgedComparison of(String baseXml, String currentXml, Optional<SaveImageJudge> judge) {
        DomainDocument base = DomainDocument.parse(baseXml, "baseline XML");
        DomainDocument current = DomainDocument.parse(currentXml, "current XML");
        return of(base, baseXml, current, currentXml, judge);
    }

    /** As {@link #of(String, String, Optional)} on documents the caller parsed already (with its own labels). */
    public static JudgedComparison of(DomainDocument base, String baseXml, DomainDocument current, String currentXml,
                                      Optional<SaveImageJudge> judge) {
        List<Finding> rules = baseXml.equals(currentXml) ? List.of() : DriftEngine.compare(base, current);
        AbiVerdict verdict = judge.map(j -> j.judge(baseXml, currentXml))
                .orElse(AbiVerdict.unjudged("libvirt was not asked"));
        return new JudgedComparison(JudgedFindings.apply(rules, verdict), verdict);
    }

    public boolean guestVisible() {
        return findings.stream().anyMatch(Finding::guestVisible);
    }

    /** One line for people: who judged, and what libvirt said or why it could not. */
    public String judgeLine() {
        return switch (verdict.outcome()) {
            case ACCEPTED -> "judged by " + verdict.judge() + ": the same guest ABI";
            case REFUSED -> "judged by " + verdict.judge() + ": another guest ABI (" + verdict.message() + ")";
            case UNJUDGED -> "judged by the rules: " + verdict.message();
        };
    }
}
