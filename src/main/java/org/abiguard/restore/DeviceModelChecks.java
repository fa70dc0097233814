package org.abiguard.restore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Device models the guest uses against the values the target's domain capabilities enumerate for its
 * virtualization type (QEMU drops device models over time as it drops machine types). Only what libvirt
 * enumerates is checked: disk devices and buses, graphics types, video models, RNG and TPM models. A device
 * kind the target's QEMU does not support at all fails too.
 */
final class DeviceModelChecks {
    /** guest device XPath, the attribute (relative) giving its model, the domcaps element and enum name. */
    private record Rule(String device, String attribute, String capsElement, String capsEnum, String label) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("/domain/devices/disk", "@device", "disk", "diskDevice", "disk device"),
            new Rule("/domain/devices/disk", "target/@bus", "disk", "bus", "disk bus"),
            new Rule("/domain/devices/graphics", "@type", "graphics", "type", "graphics type"),
            new Rule("/domain/devices/video", "model/@type", "video", "modelType", "video model"),
            new Rule("/domain/devices/rng", "@model", "rng", "model", "RNG model"),
            new Rule("/domain/devices/tpm", "@model", "tpm", "model", "TPM model"));

    private DeviceModelChecks() {
    }

    static List<RestoreCheck> run(Document domain, TargetHost target) {
        String virtType = domain.getDocumentElement().getAttribute("type");
        TargetProfile.DomainProfile caps = target.profile().domains().get(virtType);
        if (caps == null) {
            return List.of(RestoreCheck.pass("device-models", "not checked: no " + virtType + " domain capabilities of "
                    + "the target"));
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Rule rule : RULES) {
            Set<String> used = values(domain, rule);
            TargetProfile.DeviceKind kind = caps.devices().get(rule.capsElement());
            if (used.isEmpty() || kind == null) {
                continue; // unused, or libvirt does not enumerate this kind here: nothing to judge by
            }
            if (!kind.supported()) {
                missing.add(rule.label() + " " + String.join(", ", used) + " (no " + rule.capsElement() + " devices at all)");
                continue;
            }
            Set<String> values = kind.enums().getOrDefault(rule.capsEnum(), Set.of());
            if (values.isEmpty()) {
                continue;
            }
            checked += used.size();
            used.stream().filter(v -> !values.contains(v)).forEach(v -> missing.add(rule.label() + " " + v));
        }
        return List.of(missing.isEmpty()
                ? RestoreCheck.pass("device-models", checked + " device model(s) offered by the target's QEMU")
                : RestoreCheck.fail("device-models", "not offered by the target's QEMU: " + String.join("; ", missing)));
    }

    private static Set<String> values(Document domain, Rule rule) {
        Set<String> used = new LinkedHashSet<>();
        NodeList devices = DomXPath.nodes(domain, rule.device());
        for (int i = 0; i < devices.getLength(); i++) {
            String value = DomXPath.text(devices.item(i), rule.attribute());
            if (!value.isEmpty()) {
                used.add(value);
            }
        }
        return used;
    }
}
