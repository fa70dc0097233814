package org.abiguard.drift;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.w3c.dom.Element;

/**
 * Lists libvirt compares by position although the guest may enumerate them by address: the devices of
 * one element name (libvirt sorts disks and controllers itself, so those are exempt) and the clock timers.
 * When only the XML order of the same devices changed, a finding says exactly that, with the positions,
 * and names no move: every address is as it was. Thread-safe (stateless).
 */
final class XmlPositions {
    /**
     * Device lists libvirt canonicalises on parse: their XML order means nothing. Controllers are sorted by
     * type and index, stably: among controllers of one type and index (USB companions) XML order counts.
     */
    private static final Set<String> SORTED_BY_LIBVIRT = Set.of("disk", "emulator", "graphics", "audio");

    private XmlPositions() {
    }

    static List<Finding> devices(List<Device> base, List<Device> current, Map<Device, Device> pairs) {
        Map<String, List<Device>> baseByKind = byKind(base, pairs.keySet());
        Map<String, List<Device>> currentByKind = byKind(current, pairs.values());
        List<Finding> findings = new ArrayList<>();
        baseByKind.forEach((kind, before) -> {
            if (SORTED_BY_LIBVIRT.contains(kind)) {
                return;
            }
            List<Device> after = currentByKind.getOrDefault(kind, List.of());
            int n = before.size();
            for (int i = 0; i < n; i++) {
                Device partner = pairs.get(before.get(i));
                int j = indexOf(after, partner);
                if (j >= 0 && j != i) {
                    findings.add(Finding.of(Category.DEVICE_ORDER, partner.description(), partner.xpath(),
                            "<" + kind + "> " + (i + 1) + " of " + n + " in XML order",
                            "<" + kind + "> " + (j + 1) + " of " + n + " in XML order (libvirt compares these by"
                                    + " position; addresses unchanged unless another finding says so)"));
                }
            }
        });
        return findings;
    }

    /** The timers libvirt compares position by position: another order of the same timers is an ABI change. */
    static List<Finding> timers(Element baseRoot, Element currentRoot) {
        List<String> before = timerNames(baseRoot);
        List<String> after = timerNames(currentRoot);
        List<String> commonBefore = before.stream().filter(after::contains).toList();
        List<String> commonAfter = after.stream().filter(before::contains).toList();
        if (commonBefore.equals(commonAfter)) {
            return List.of();
        }
        return List.of(Finding.of(Category.GUEST_VISIBLE_OTHER, "clock", "/domain/clock/timer",
                "timers in order " + String.join(", ", before), "timers in order " + String.join(", ", after)));
    }

    private static List<String> timerNames(Element root) {
        Element clock = DomainDocument.firstChild(root, "clock");
        return clock == null ? List.of() : DomainDocument.children(clock, "timer").stream()
                .map(t -> t.getAttribute("name")).collect(Collectors.toList());
    }

    /** The paired devices of each element name, in XML order. */
    private static Map<String, List<Device>> byKind(List<Device> devices, java.util.Collection<Device> paired) {
        Map<Device, Boolean> isPaired = new IdentityHashMap<>();
        paired.forEach(d -> isPaired.put(d, true));
        Map<String, List<Device>> byKind = new java.util.LinkedHashMap<>();
        for (Device d : devices) {
            if (isPaired.containsKey(d)) {
                String list = d.kind().equals("controller")
                        ? "controller type='" + d.element().getAttribute("type") + "' index='" + d.element().getAttribute("index") + "'"
                        : d.kind();
                byKind.computeIfAbsent(list, k -> new ArrayList<>()).add(d);
            }
        }
        return byKind;
    }

    private static int indexOf(List<Device> devices, Device device) {
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i) == device) {
                return i;
            }
        }
        return -1;
    }
}
