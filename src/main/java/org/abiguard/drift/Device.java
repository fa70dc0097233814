package org.abiguard.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A device of a domain with its identity across versions: disks by source (else serial, else target),
 * NICs by MAC, controllers by type+index, host devices by host address, filesystems by mount tag, virtio
 * channels by name: natural keys. Everything else has none and gets element+type+model+ordinal
 * ({@code naturalKey} false), which {@link DeviceMatcher} uses only after pairing by address.
 * {@code xpath} is its 1-based position among siblings of its element name.
 */
public record Device(Element element, String kind, String identity, boolean naturalKey, String description,
                     Optional<DeviceAddress> address, String xpath) {

    /** The devices of {@code document} in document order. */
    public static List<Device> of(DomainDocument document) {
        List<Device> devices = new ArrayList<>();
        Map<String, Integer> perName = new HashMap<>();
        Map<String, Integer> perShape = new HashMap<>();
        for (Element e : document.devices()) {
            String kind = e.getTagName();
            int index = perName.merge(kind, 1, Integer::sum);
            String shape = kind + ":" + e.getAttribute("type") + ":" + model(e);
            int ordinal = perShape.merge(shape, 1, Integer::sum);
            String natural = naturalKey(e);
            devices.add(new Device(e, kind, natural != null ? natural : shape + "#" + ordinal, natural != null,
                    describe(e), DeviceAddress.of(e), "/domain/devices/" + kind + "[" + index + "]"));
        }
        return devices;
    }

    /** The device's model as libvirt spells it: an attribute, or the type of a model child. */
    static String model(Element e) {
        if (e.hasAttribute("model")) {
            return e.getAttribute("model");
        }
        String childType = Attributes.childAttr(e, "model", "type");
        return childType.isEmpty() ? Attributes.childAttr(e, "model", "name") : childType;
    }

    /** True for libvirt's "no device here" spellings, e.g. {@code <memballoon model='none'/>}. */
    boolean isPlaceholder() {
        return "none".equals(model(element)) && !element.hasChildNodes();
    }

    /**
     * Devices libvirt adds by itself to every x86 PC guest when they are missing (PS/2 mouse and
     * keyboard, the PCI root): one side lacking them is not a change, libvirt re-creates them as they were.
     */
    boolean isImplicitDefault() {
        return switch (kind) {
            case "input" -> "ps2".equals(element.getAttribute("bus"));
            case "controller" -> "pci".equals(element.getAttribute("type")) && "0".equals(element.getAttribute("index"));
            default -> false;
        };
    }

    /** The device's natural key, or null when it has none. */
    private static String naturalKey(Element e) {
        switch (e.getTagName()) {
            case "disk" -> {
                String source = source(e);
                if (!source.isEmpty()) {
                    return "disk:source:" + source;
                }
                Element serial = DomainDocument.firstChild(e, "serial");
                return serial != null ? "disk:serial:" + serial.getTextContent().trim()
                        : "disk:target:" + Attributes.childAttr(e, "target", "dev");
            }
            case "interface" -> {
                String mac = Attributes.childAttr(e, "mac", "address").toLowerCase();
                if (!mac.isEmpty()) {
                    return "interface:mac:" + mac;
                }
            }
            case "controller" -> {
                // USB companion controllers (EHCI + UHCI1..3) share one index: their model tells them apart
                return "controller:" + e.getAttribute("type") + ":" + e.getAttribute("index")
                        + ("usb".equals(e.getAttribute("type")) ? ":" + model(e) : "");
            }
            case "hostdev" -> {
                Element source = DomainDocument.firstChild(e, "source");
                if (source != null) {
                    return "hostdev:" + Attributes.sorted(source) + hostAddress(source);
                }
            }
            case "filesystem" -> {
                return "filesystem:" + Attributes.childAttr(e, "target", "dir");
            }
            case "channel" -> {
                String name = Attributes.childAttr(e, "target", "name");
                if (!name.isEmpty()) {
                    return "channel:" + name;
                }
            }
            default -> {
            }
        }
        return null;
    }

    private static String hostAddress(Element source) {
        Element address = DomainDocument.firstChild(source, "address");
        return address == null ? "" : " " + Attributes.sorted(address);
    }

    /** The disk's backing: file, block device, directory, network name or pool/volume. */
    static String source(Element disk) {
        Element source = DomainDocument.firstChild(disk, "source");
        if (source == null) {
            return "";
        }
        for (String attr : new String[] {"file", "dev", "dir", "name"}) {
            if (source.hasAttribute(attr)) {
                return source.getAttribute(attr);
            }
        }
        return source.hasAttribute("volume") ? source.getAttribute("pool") + "/" + source.getAttribute("volume") : "";
    }

    private static String describe(Element e) {
        String kind = e.getTagName();
        return switch (kind) {
            case "disk" -> e.getAttribute("device") + " " + Attributes.childAttr(e, "target", "dev")
                    + (source(e).isEmpty() ? "" : " (" + e.getAttribute("type") + " " + source(e) + ")");
            case "interface" -> "interface " + Attributes.childAttr(e, "mac", "address")
                    + parenthesised(model(e));
            case "controller" -> "controller " + e.getAttribute("type") + " " + e.getAttribute("index")
                    + parenthesised(model(e));
            case "emulator" -> "emulator";
            default -> kind + (e.hasAttribute("type") ? " " + e.getAttribute("type") : "") + parenthesised(model(e));
        };
    }

    private static String parenthesised(String text) {
        return text.isEmpty() ? "" : " (" + text + ")";
    }
}
