package org.abiguard.drift;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Pairs the devices of a baseline with those of a current XML: first by natural key (source, MAC,
 * type+index, ...), then, among the remaining devices of one element name, by equal address (so two
 * videos swapped in XML order but each still at its address are the same two videos), then by
 * type+model+ordinal, by equal disk target, and last by order. A device left unpaired exists on one side only.
 */
final class DeviceMatcher {
    private DeviceMatcher() {
    }

    /** Baseline device → current device, in baseline order. */
    static Map<Device, Device> match(List<Device> base, List<Device> current) {
        Map<Device, Device> pairs = new LinkedHashMap<>();
        List<Device> restBase = new ArrayList<>(base);
        List<Device> restCurrent = new ArrayList<>(current);
        pair(restBase, restCurrent, pairs, (a, b) -> a.naturalKey() && a.identity().equals(b.identity()));
        pair(restBase, restCurrent, pairs, (a, b) -> a.kind().equals(b.kind()) && a.address().isPresent()
                && a.address().equals(b.address()) && a.naturalKey() == b.naturalKey());
        pair(restBase, restCurrent, pairs, (a, b) -> a.identity().equals(b.identity()));
        pair(restBase, restCurrent, pairs, (a, b) -> a.kind().equals("disk") && b.kind().equals("disk")
                && Objects.equals(Attributes.childAttr(a.element(), "target", "dev"),
                Attributes.childAttr(b.element(), "target", "dev")));
        pair(restBase, restCurrent, pairs, (a, b) -> a.kind().equals(b.kind()) && !a.isPlaceholder()
                && !b.isPlaceholder());
        Map<Device, Device> ordered = new LinkedHashMap<>();
        for (Device d : base) {
            if (pairs.containsKey(d)) {
                ordered.put(d, pairs.get(d));
            }
        }
        return ordered;
    }

    private static void pair(List<Device> base, List<Device> current, Map<Device, Device> pairs,
                             BiPredicate<Device, Device> same) {
        Map<Device, Boolean> taken = new IdentityHashMap<>();
        for (Device b : new ArrayList<>(base)) {
            for (Device c : current) {
                if (!taken.containsKey(c) && same.test(b, c)) {
                    pairs.put(b, c);
                    taken.put(c, true);
                    base.remove(b);
                    break;
                }
            }
        }
        current.removeIf(taken::containsKey);
    }
}
