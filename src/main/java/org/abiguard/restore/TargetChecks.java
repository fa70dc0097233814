package org.abiguard.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.abiguard.libvirt.LibvirtErrors;
import org.libvirt.CPUCompareResult;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Can this definition start on that host? One implementation for restore (which refuses on a failed check)
 * and preflight (which calls the guest {@code blocked}), so both say the same thing in the same words. The
 * machine type must be offered by the target's QEMU; a custom CPU model must be usable there for the guest's
 * virtualization type (the domain capabilities' {@code usable}; TCG cannot emulate every model either) and no
 * feature the guest requires may be one the target's host-model disables (libvirt lists the host-model's
 * features relative to its base model: a feature of the base model that is not listed counts as present);
 * a KVM guest's CPU is also put to libvirt's CPU comparison when the target is reachable; an emulator for the architecture must exist (the archived
 * one is rewritten to it, a host-side field: this mutates {@code domain}); every device model the target's
 * domain capabilities enumerate must be offered.
 */
public final class TargetChecks {
    private TargetChecks() {
    }

    public static List<RestoreCheck> run(Document domain, TargetHost target) {
        String arch = DomXPath.text(domain, "/domain/os/type/@arch");
        List<RestoreCheck> checks = new ArrayList<>();
        checks.add(machineType(domain, target, arch));
        checks.add(cpu(domain, target));
        checks.add(emulator(domain, target.profile().emulators().getOrDefault(arch, List.of()), arch));
        checks.addAll(DeviceModelChecks.run(domain, target));
        return checks;
    }

    private static RestoreCheck machineType(Document domain, TargetHost target, String arch) {
        String machine = DomXPath.text(domain, "/domain/os/type/@machine");
        Set<String> offered = target.profile().machines().getOrDefault(arch, Set.of());
        return offered.contains(machine)
                ? RestoreCheck.pass("machine-type", machine + " is offered by the target's QEMU")
                : RestoreCheck.fail("machine-type", machine + " is not offered by the target's QEMU (" + arch
                        + ": " + offered.size() + " machine types, none of them " + machine + ")");
    }

    private static RestoreCheck cpu(Document domain, TargetHost target) {
        Element cpu = (Element) DomXPath.nodes(domain, "/domain/cpu").item(0);
        if (cpu == null) {
            return RestoreCheck.pass("cpu", "no CPU element: the hypervisor's default CPU, as before");
        }
        String mode = cpu.getAttribute("mode").isEmpty() ? "custom" : cpu.getAttribute("mode");
        if (!mode.equals("custom")) {
            return RestoreCheck.pass("cpu", mode + ": expanded from the target's CPU at start; compare the live XML "
                    + "after start if the hosts' CPUs differ");
        }
        String virtType = domain.getDocumentElement().getAttribute("type");
        String model = DomXPath.text(cpu, "model");
        TargetProfile.DomainProfile domcaps = target.profile().domains().get(virtType);
        if (domcaps != null && !model.isEmpty()) {
            Boolean usable = domcaps.cpuModels().get(model);
            if (!Boolean.TRUE.equals(usable)) {
                return RestoreCheck.fail("cpu", "CPU model " + model + " is " + (usable == null ? "not known to" : "not usable on")
                        + " the target's QEMU and CPU");
            }
            java.util.Set<String> disabled = domcaps.hostModel().map(TargetProfile.CpuExpansion::features).orElse(Set.of());
            NodeList required = DomXPath.nodes(cpu, "feature[@policy='require' or @policy='force' or not(@policy)]/@name");
            for (int i = 0; i < required.getLength(); i++) {
                String feature = required.item(i).getNodeValue();
                if (disabled.contains("disable " + feature)) {
                    return RestoreCheck.fail("cpu", "the guest requires CPU feature " + feature + ", which the target's CPU lacks");
                }
            }
        }
        if (target.live().isEmpty() || !"kvm".equals(virtType)) {
            return RestoreCheck.pass("cpu", domcaps == null ? "custom CPU " + model + ": not checked (no " + virtType
                    + " domain capabilities of the target)" : "CPU model " + model + " and its required features are usable "
                    + "on the target (" + virtType + ")");
        }
        try {
            CPUCompareResult result = target.live().get().connect().compareCPU(TargetPreparation.serialise(cpu));
            return result == CPUCompareResult.VIR_CPU_COMPARE_INCOMPATIBLE
                    || result == CPUCompareResult.VIR_CPU_COMPARE_ERROR
                    ? RestoreCheck.fail("cpu", "libvirt says the target's CPU cannot run this CPU model (" + result + ")")
                    : RestoreCheck.pass("cpu", "usable on the target's CPU (" + result + ")");
        } catch (LibvirtException e) {
            return RestoreCheck.fail("cpu", "libvirt could not compare the CPU: " + LibvirtErrors.message(e));
        }
    }

    private static RestoreCheck emulator(Document domain, List<String> offered, String arch) {
        Element emulator = (Element) DomXPath.nodes(domain, "/domain/devices/emulator").item(0);
        String targetEmulator = offered.isEmpty() ? "" : offered.get(0);
        if (emulator == null) {
            return targetEmulator.isEmpty() ? RestoreCheck.fail("emulator", "the target offers no emulator for " + arch)
                    : RestoreCheck.pass("emulator", "none named: libvirt picks " + targetEmulator);
        }
        String archived = emulator.getTextContent().trim();
        if (offered.contains(archived)) {
            return RestoreCheck.pass("emulator", archived + " exists on the target");
        }
        if (targetEmulator.isEmpty()) {
            return RestoreCheck.fail("emulator", "the target offers no emulator for " + arch);
        }
        emulator.setTextContent(targetEmulator);
        return RestoreCheck.pass("emulator", archived + " is not on the target: rewritten to " + targetEmulator
                + " (host-side)");
    }
}
