package org.abiguard.drift;

import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The device a changed element belongs to, and how many path elements (below {@code <domain>}) lead
 * down to and include the device element, so the rest is the field's path within the device.
 */
record DeviceContext(Device device, int depth) {

    /** The device holding {@code element}, or null for fields outside {@code <devices>}. */
    static DeviceContext of(Element element, Map<Node, Device> deviceOf) {
        for (Node n = element; n instanceof Element; n = n.getParentNode()) {
            Device device = deviceOf.get(n);
            if (device != null) {
                return new DeviceContext(device, 2); // domain/devices/<device>: "devices" and the device
            }
        }
        return null;
    }
}
