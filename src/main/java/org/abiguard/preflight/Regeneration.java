package org.abiguard.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.abiguard.drift.Category;
import org.abiguard.restore.DomXPath;
import org.abiguard.restore.TargetHost;
import org.abiguard.restore.TargetProfile;
import org.abiguard.restore.TargetProfile.CpuExpansion;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a definition regenerated on the target would change (Nova and scripts write {@code pc}/{@code q35} and
 * {@code host-model}; libvirt expands them at definition or start). Machine type: the alias behind the archived
 * canonical version (from the guest's host's capabilities, else its family: pc-i440fx-* is pc, pc-q35-* is
 * q35) expands on the target to its canonical version there. CPU: a host-model guest's expansion on its host
 * (its live XML, else its host's domain capabilities) against the target's host-model. Not forecast: device
 * defaults that differ between two machine versions (the machine-type finding says the version changes).
 */
final class Regeneration {
    private Regeneration() {
    }

    static Optional<ExpectedFinding> machine(Document domain, Optional<TargetHost> source, TargetHost target,
                                             List<String> notes) {
        String machine = DomXPath.text(domain, "/domain/os/type/@machine");
        String arch = DomXPath.text(domain, "/domain/os/type/@arch");
        Optional<String> alias = source.flatMap(s -> aliasOf(s, arch, machine)).or(() -> family(machine));
        if (alias.isEmpty()) {
            notes.add("machine type " + machine + " is not behind an alias: a regenerated definition names it as it is");
            return Optional.empty();
        }
        String expanded = target.profile().aliases().getOrDefault(arch, Map.of()).getOrDefault(alias.get(), "");
        if (expanded.isEmpty()) {
            notes.add("the target's QEMU has no alias " + alias.get() + ": a definition regenerated with it would be refused");
            return Optional.empty();
        }
        if (expanded.equals(machine)) {
            return Optional.empty();
        }
        return Optional.of(new ExpectedFinding(Category.MACHINE_TYPE.label(), "/domain/os/type/@machine", machine, expanded,
                "the alias " + alias.get() + " expands to " + expanded + " on the target"));
    }

    static List<ExpectedFinding> cpu(Document inactive, Optional<Document> live, Optional<TargetHost> source,
                                     TargetHost target, List<String> notes) {
        if (!DomXPath.text(inactive, "/domain/cpu/@mode").equals("host-model")) {
            return List.of();
        }
        String virtType = inactive.getDocumentElement().getAttribute("type");
        Optional<CpuExpansion> before = live.flatMap(l -> Optional.ofNullable((Element) DomXPath.nodes(l, "/domain/cpu[model]")
                .item(0)).flatMap(TargetProfile::expansion)).or(() -> source.flatMap(s -> hostModel(s, virtType)));
        Optional<CpuExpansion> after = hostModel(target, virtType);
        if (before.isEmpty() || after.isEmpty()) {
            notes.add("host-model CPU: " + (before.isEmpty() ? "its expansion on its host" : "the target's host-model for "
                    + virtType) + " is not archived, so the CPU it would get is not forecast");
            return List.of();
        }
        List<ExpectedFinding> findings = new ArrayList<>();
        if (!before.get().model().equals(after.get().model())) {
            findings.add(new ExpectedFinding(Category.CPU_MODEL.label(), "/domain/cpu/model", before.get().model(),
                    after.get().model(), "host-model expands to " + after.get().model() + " on the target"));
        }
        TreeSet<String> removed = new TreeSet<>(before.get().features());
        removed.removeAll(after.get().features());
        TreeSet<String> added = new TreeSet<>(after.get().features());
        added.removeAll(before.get().features());
        if (!removed.isEmpty() || !added.isEmpty()) {
            findings.add(new ExpectedFinding(Category.CPU_MODEL.label(), "/domain/cpu/feature",
                    removed.isEmpty() ? "" : String.join(" ", removed), added.isEmpty() ? "" : String.join(" ", added),
                    "host-model on the target has a different feature set (" + removed.size() + " gone, " + added.size()
                            + " new)"));
        }
        return findings;
    }

    private static Optional<CpuExpansion> hostModel(TargetHost host, String virtType) {
        return Optional.ofNullable(host.profile().domains().get(virtType)).flatMap(TargetProfile.DomainProfile::hostModel);
    }

    private static Optional<String> aliasOf(TargetHost host, String arch, String canonical) {
        return host.profile().aliases().getOrDefault(arch, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().equals(canonical)).map(Map.Entry::getKey).findFirst();
    }

    /** The alias family of a versioned machine type, as QEMU names them. */
    static Optional<String> family(String machine) {
        for (String[] f : new String[][] {{"pc-i440fx-", "pc"}, {"pc-q35-", "q35"}, {"virt-", "virt"},
                {"pseries-", "pseries"}, {"s390-ccw-virtio-", "s390-ccw-virtio"}}) {
            if (machine.startsWith(f[0]) && machine.length() > f[0].length()) {
                return Optional.of(f[1]);
            }
        }
        return Optional.empty();
    }
}
