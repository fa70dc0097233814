package org.abiguard.drift;

import java.util.ArrayList;
import java.util.List;
import org.abiguard.libvirt.AbiVerdict;

/**
 * The rules' findings under libvirt's verdict on the same pair. libvirt decides {@code libvirt_abi}; the rules
 * explain (category, device, xpath, before/after) and add what libvirt's check does not cover:
 * <ul>
 *   <li>accepted: no finding is {@code libvirt_abi}; one the rules thought was (a re-spelling, a default written
 *       out) becomes {@code host-config}, since libvirt takes both sides as one guest ABI; beyond-libvirt findings
 *       stay guest-visible with their reason;</li>
 *   <li>refused: the findings stand, the {@code libvirt_abi} ones carry libvirt's message; when no rule says
 *       {@code libvirt_abi}, a finding is made from the message ({@link RefusalFinding}): a refusal is never
 *       dropped;</li>
 *   <li>unjudged: the rules' findings as they are, judged by "rules".</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class JudgedFindings {
    private JudgedFindings() {
    }

    public static List<Finding> apply(List<Finding> rules, AbiVerdict verdict) {
        return switch (verdict.outcome()) {
            case UNJUDGED -> rules;
            case ACCEPTED -> rules.stream().map(f -> accepted(f, verdict.judge())).toList();
            case REFUSED -> refused(rules, verdict);
        };
    }

    private static Finding accepted(Finding f, String judge) {
        if (!f.libvirtAbi()) {
            return f.judged(f.category(), f.guestVisible(), false, f.severity(), judge, null);
        }
        return f.judged(Category.HOST_CONFIG, false, false, Severity.INFO, judge, null);
    }

    /**
     * The rules' finding whose before/after are the values libvirt names is what libvirt refused: it becomes that
     * refusal (its device and xpath kept, libvirt's category where the rules said host-config). Else the refusal is
     * a finding of its own.
     */
    private static void explain(List<Finding> out, Finding refusal) {
        for (int i = 0; i < out.size(); i++) {
            Finding f = out.get(i);
            if (refusal.before() != null && refusal.before().equals(f.before()) && refusal.after() != null
                    && refusal.after().equals(f.after())) {
                Category category = f.category() == Category.HOST_CONFIG ? refusal.category() : f.category();
                out.set(i, f.judged(category, true, true, category.severity(), refusal.judge(), refusal.libvirtMessage()));
                return;
            }
        }
        out.add(refusal);
    }

    private static List<Finding> refused(List<Finding> rules, AbiVerdict verdict) {
        List<Finding> out = new ArrayList<>();
        boolean explained = false;
        for (Finding f : rules) {
            explained |= f.libvirtAbi();
            out.add(f.judged(f.category(), f.guestVisible(), f.libvirtAbi(), f.severity(), verdict.judge(),
                    f.libvirtAbi() ? verdict.message() : null));
        }
        if (!explained) {
            explain(out, RefusalFinding.of(verdict));
        }
        return List.copyOf(out);
    }
}
