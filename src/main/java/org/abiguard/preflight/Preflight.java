package org.abiguard.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.abiguard.libvirt.SafeXml;
import org.abiguard.restore.RestoreCheck;
import org.abiguard.restore.TargetChecks;
import org.abiguard.restore.TargetHost;
import org.w3c.dom.Document;

/**
 * One guest's verdict on a target: {@code blocked} when a target check restore would fail fails
 * ({@link TargetChecks}, the same code and words), else {@code changes-if-regenerated} when a regenerated
 * definition would differ in guest ABI ({@link Regeneration}), else {@code safe}. Stateless, thread-safe.
 */
public final class Preflight {
    private Preflight() {
    }

    /**
     * @param inactiveXml the guest's latest archived definition
     * @param liveXml     its latest archived live XML, if it ran (the host-model CPU it got)
     * @param source      its host's archived capabilities, if any (which alias named its machine type)
     */
    public static DomainForecast forecast(UUID uuid, String name, String host, String inactiveXml,
                                          Optional<String> liveXml, Optional<TargetHost> source, TargetHost target) {
        Document domain = SafeXml.parse(inactiveXml, "the archived definition of " + name);
        List<RestoreCheck> blocking = TargetChecks.run(domain, target).stream().filter(c -> !c.ok()).toList();
        List<String> notes = new ArrayList<>();
        List<ExpectedFinding> expected = new ArrayList<>();
        Document pristine = SafeXml.parse(inactiveXml, "the archived definition of " + name);
        Regeneration.machine(pristine, source, target, notes).ifPresent(expected::add);
        expected.addAll(Regeneration.cpu(pristine, liveXml.map(x -> SafeXml.parse(x, "the live XML of " + name)), source,
                target, notes));
        Verdict verdict = !blocking.isEmpty() ? Verdict.BLOCKED
                : !expected.isEmpty() ? Verdict.CHANGES_IF_REGENERATED : Verdict.SAFE;
        return new DomainForecast(uuid, name, host, verdict, blocking, expected, notes);
    }
}
