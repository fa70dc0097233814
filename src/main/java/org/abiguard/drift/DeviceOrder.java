package org.abiguard.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest enumerates the devices of one class by address. For each element name, the paired
 * devices that have an address on both sides are ranked by address before and after; a device
 * whose rank changed is a {@code device-order} finding (so a swap is address and order drift both).
 */
final class DeviceOrder {
    private DeviceOrder() {
    }

    static List<Finding> findings(Map<Device, Device> pairs) {
        Map<String, List<Map.Entry<Device, Device>>> byKind = new LinkedHashMap<>();
        for (Map.Entry<Device, Device> pair : pairs.entrySet()) {
            if (pair.getKey().address().isPresent() && pair.getValue().address().isPresent()) {
                byKind.computeIfAbsent(pair.getKey().kind(), k -> new ArrayList<>()).add(pair);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (List<Map.Entry<Device, Device>> devices : byKind.values()) {
            List<Map.Entry<Device, Device>> before = new ArrayList<>(devices);
            List<Map.Entry<Device, Device>> after = new ArrayList<>(devices);
            before.sort((a, b) -> DeviceAddress.order().compare(a.getKey().address().get(), b.getKey().address().get()));
            after.sort((a, b) -> DeviceAddress.order().compare(a.getValue().address().get(), b.getValue().address().get()));
            int n = devices.size();
            for (int i = 0; i < n; i++) {
                Map.Entry<Device, Device> pair = before.get(i);
                int j = after.indexOf(pair);
                if (i != j) {
                    Device current = pair.getValue();
                    findings.add(Finding.of(Category.DEVICE_ORDER, current.description(), current.xpath(),
                            ordinal(i, n, current.kind()), ordinal(j, n, current.kind())));
                }
            }
        }
        return findings;
    }

    private static String ordinal(int index, int count, String kind) {
        return kind + " " + (index + 1) + " of " + count;
    }
}
