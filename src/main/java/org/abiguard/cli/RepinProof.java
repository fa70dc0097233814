package org.abiguard.cli;

import org.abiguard.PrintableText;
import org.abiguard.config.Config;
import org.abiguard.drift.Repin;
import org.abiguard.libvirt.AbiVerdict;
import org.abiguard.libvirt.SaveImageJudge;

/**
 * Proves a repinned definition with the local libvirt's ABI check (the first --libvirt-uri) before anyone sees it:
 * the devices both sides have must be the baseline's guest ABI ({@link Repin.Result#proofBaseline}). Where libvirt
 * cannot be asked the rules' proof (done by {@link Repin}) stands, and the line says so.
 */
final class RepinProof {
    private RepinProof() {
    }

    /** The proof in words for stderr; throws exit 2 with libvirt's message when libvirt refuses. */
    static String prove(Repin.Result result, int baselineVersion, Config config) {
        AbiVerdict verdict;
        try (SaveImageJudge judge = SaveImageJudge.open(config.libvirtUris().get(0),
                SaveImageJudge.workDir(config.stateDir()), SaveImageJudge.DEFAULT_TIMEOUT)) {
            verdict = judge.judge(result.proofBaseline(), result.proofRepinned());
        }
        return switch (verdict.outcome()) {
            case ACCEPTED -> "proven by " + verdict.judge() + ": the same guest ABI as baseline version " + baselineVersion
                    + (result.onlyNow().isEmpty() && result.onlyInBaseline().isEmpty() ? "" : " but the devices listed");
            case REFUSED -> throw new ExitException(ExitCodes.ERROR, "repin cannot be proven: " + verdict.judge()
                    + " refuses it as baseline version " + baselineVersion + "'s guest ABI: "
                    + PrintableText.of(verdict.message()) + " (nothing written)");
            case UNJUDGED -> "proven by the rules: no other guest-visible difference; libvirt did not judge ("
                    + PrintableText.of(verdict.message()) + ")";
        };
    }
}
