package org.abiguard.drift;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A device's guest address, comparable within one address type so the guest's enumeration order can
 * be derived: PCI by domain/bus/slot/function, drive by controller/bus/target/unit, USB by bus/port,
 * virtio-serial by controller/bus/port, CCW by cssid/ssid/devno.
 */
public record DeviceAddress(String type, List<Long> key, String text) {
    private static final Comparator<List<Long>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    public static Comparator<DeviceAddress> order() {
        return Comparator.comparing(DeviceAddress::type).thenComparing(DeviceAddress::key, KEY_ORDER);
    }

    /** The address of {@code device}, if it has one. */
    public static Optional<DeviceAddress> of(Element device) {
        Element address = DomainDocument.firstChild(device, "address");
        if (address == null) {
            return Optional.empty();
        }
        String type = address.getAttribute("type");
        return Optional.of(switch (type) {
            case "pci" -> make(type, address, "%04x:%02x:%02x.%x", "domain", "bus", "slot", "function");
            case "drive" -> make(type, address, "%d:%d:%d:%d", "controller", "bus", "target", "unit");
            case "usb" -> new DeviceAddress(type, List.of(number(address, "bus")),
                    "usb " + address.getAttribute("bus") + ":" + address.getAttribute("port"));
            case "virtio-serial" -> make(type, address, "%d:%d:%d", "controller", "bus", "port");
            case "ccw" -> make(type, address, "%x.%x.%04x", "cssid", "ssid", "devno");
            default -> new DeviceAddress(type, List.of(), type + " " + Attributes.sorted(address));
        });
    }

    private static DeviceAddress make(String type, Element address, String format, String... names) {
        Long[] values = new Long[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = number(address, names[i]);
        }
        return new DeviceAddress(type, List.of(values), type + " " + String.format(format, (Object[]) values));
    }

    /** Parses decimal or 0x-hex attribute values; absent counts as 0 (libvirt's default). */
    private static long number(Element element, String attr) {
        String value = element.getAttribute(attr).trim();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return value.startsWith("0x") || value.startsWith("0X") ? Long.parseLong(value.substring(2), 16)
                    : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
