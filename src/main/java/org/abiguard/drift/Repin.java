package org.abiguard.drift;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.abiguard.AbiguardException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A domain's current definition with its baseline's guest ABI put back, for the operator to define:
 * machine type, CPU, memory, vCPUs, features, clock, SMBIOS and the guest side of {@code <os>} from the
 * baseline; for every device present in both, the baseline's element with the current host-side parts
 * (sources, cache modes, backends, link state, ...); devices only present now keep their configuration
 * and, on i440fx, get a bus-0 slot used by no baseline device (elsewhere their address is left to
 * libvirt); devices only in the baseline are listed, never re-added. The result is proven with the drift
 * engine: no guest-visible finding against the baseline but the listed devices. Not thread-safe (a DOM).
 */
public final class Repin {
    /**
     * The repinned XML, and the devices that exist on one side only. {@code proofBaseline}/{@code proofRepinned}: the
     * pair libvirt's check is asked about, the baseline without its only-in-baseline devices and the repinned XML
     * without its only-now ones (a device on one side only is always another ABI; the rest must be the same).
     */
    public record Result(String xml, List<String> onlyNow, List<String> onlyInBaseline, String proofBaseline,
                         String proofRepinned) {
    }

    private static final List<String> FROM_BASELINE = List.of("memory", "currentMemory", "maxMemory", "features",
            "cpu", "clock", "sysinfo");
    private static final Set<String> HOST_ATTRIBUTES = Set.of("type"); // disk/interface/chardev backend kinds

    private Repin() {
    }

    public static Result of(String baselineXml, String currentXml) {
        DomainDocument base = DomainDocument.parseRaw(baselineXml, "the baseline");
        DomainDocument current = DomainDocument.parseRaw(currentXml, "the current definition");
        Document doc = current.document();
        Element root = current.root();
        for (String name : FROM_BASELINE) {
            replaceTop(root, DomainDocument.firstChild(base.root(), name));
        }
        repinVcpu(base.root(), root);
        repinOs(base.root(), root);
        List<Device> baseDevices = Device.of(base);
        List<Device> currentDevices = Device.of(current);
        Map<Device, Device> pairs = DeviceMatcher.match(baseDevices, currentDevices);
        pairs.forEach((b, c) -> {
            if (!b.kind().equals("emulator")) {
                c.element().getParentNode().replaceChild(merged(doc, b.element(), c.element()), c.element());
            }
        });
        Map<Device, Boolean> paired = new IdentityHashMap<>();
        pairs.forEach((b, c) -> {
            paired.put(b, true);
            paired.put(c, true);
        });
        List<String> onlyNow = new ArrayList<>();
        List<Element> onlyNowElements = new ArrayList<>();
        boolean i440fx = Attributes.childAttr(DomainDocument.firstChild(base.root(), "os"), "type", "machine").startsWith("pc");
        TreeSet<Integer> usedSlots = usedBusZeroSlots(baseDevices);
        for (Device d : currentDevices) {
            if (!paired.containsKey(d) && !d.isPlaceholder() && !d.isImplicitDefault()) {
                onlyNow.add(d.description());
                onlyNowElements.add(d.element());
                readdress(doc, d.element(), i440fx, usedSlots);
            }
        }
        List<Device> baselineOnly = baseDevices.stream().filter(d -> !paired.containsKey(d) && !d.isPlaceholder()
                && !d.isImplicitDefault()).toList();
        String xml = org.abiguard.libvirt.XmlText.of(doc);
        prove(baselineXml, xml);
        onlyNowElements.forEach(e -> e.getParentNode().removeChild(e));
        baselineOnly.forEach(d -> d.element().getParentNode().removeChild(d.element()));
        String proofRepinned = onlyNowElements.isEmpty() ? xml : org.abiguard.libvirt.XmlText.of(doc);
        String proofBaseline = baselineOnly.isEmpty() ? baselineXml : org.abiguard.libvirt.XmlText.of(base.document());
        return new Result(xml, onlyNow, baselineOnly.stream().map(Device::description).toList(), proofBaseline,
                proofRepinned);
    }

    /** The baseline's device element carrying the current one's host-side parts. */
    private static Element merged(Document doc, Element baseline, Element current) {
        Element result = (Element) doc.importNode(baseline, true);
        for (String attr : HOST_ATTRIBUTES) {
            if (current.hasAttribute(attr) && !current.getTagName().equals("controller") && !current.getTagName().equals("input")) {
                result.setAttribute(attr, current.getAttribute(attr));
            }
        }
        for (String child : FieldRules.HOST_DEVICE_CHILDREN) {
            replaceChild(doc, result, DomainDocument.firstChild(current, child), child);
        }
        Element currentDriver = DomainDocument.firstChild(current, "driver");
        if (currentDriver != null && current.getTagName().equals("disk")) {
            Element driver = (Element) doc.importNode(currentDriver, true);
            Element baseDriver = DomainDocument.firstChild(baseline, "driver");
            for (String attr : FieldRules.GUEST_DRIVER_ATTRIBUTES) {
                driver.removeAttribute(attr);
                if (baseDriver != null && baseDriver.hasAttribute(attr)) {
                    driver.setAttribute(attr, baseDriver.getAttribute(attr));
                }
            }
            replaceChild(doc, result, driver, "driver");
        }
        return result;
    }

    private static void replaceChild(Document doc, Element parent, Element replacement, String name) {
        Element existing = DomainDocument.firstChild(parent, name);
        if (existing != null) {
            parent.removeChild(existing);
        }
        if (replacement != null) {
            parent.appendChild(replacement.getOwnerDocument() == doc ? replacement : doc.importNode(replacement, true));
        }
    }

    private static void replaceTop(Element root, Element fromBaseline) {
        if (fromBaseline == null) {
            return;
        }
        Node copy = root.getOwnerDocument().importNode(fromBaseline, true);
        Element existing = DomainDocument.firstChild(root, fromBaseline.getTagName());
        if (existing != null) {
            root.replaceChild(copy, existing);
        } else {
            root.insertBefore(copy, DomainDocument.firstChild(root, "devices"));
        }
    }

    /** vCPU count (and current) from the baseline; placement and cpuset stay the host's. */
    private static void repinVcpu(Element base, Element root) {
        Element b = DomainDocument.firstChild(base, "vcpu");
        Element c = DomainDocument.firstChild(root, "vcpu");
        if (b != null && c != null) {
            c.setTextContent(b.getTextContent());
            c.removeAttribute("current");
            if (b.hasAttribute("current")) {
                c.setAttribute("current", b.getAttribute("current"));
            }
        }
    }

    /** The guest side of {@code <os>} from the baseline (type, machine, SMBIOS mode, firmware features); boot devices, kernel and NVRAM paths stay. */
    private static void repinOs(Element base, Element root) {
        Element b = DomainDocument.firstChild(base, "os");
        Element c = DomainDocument.firstChild(root, "os");
        if (b == null || c == null) {
            return;
        }
        Element os = (Element) root.getOwnerDocument().importNode(b, true);
        for (String host : FieldRules.HOST_OS) {
            DomainDocument.children(os, host).forEach(os::removeChild);
            DomainDocument.children(c, host).forEach(e -> os.appendChild(e.cloneNode(true)));
        }
        root.replaceChild(os, c);
    }

    private static TreeSet<Integer> usedBusZeroSlots(List<Device> baseDevices) {
        TreeSet<Integer> used = new TreeSet<>(List.of(0, 1, 2)); // host bridge, ISA/IDE/USB bridge, VGA on i440fx
        for (Device d : baseDevices) {
            d.address().filter(a -> a.type().equals("pci") && a.key().get(1) == 0).ifPresent(a -> used.add(a.key().get(2).intValue()));
        }
        return used;
    }

    private static void readdress(Document doc, Element device, boolean i440fx, TreeSet<Integer> usedSlots) {
        Element address = DomainDocument.firstChild(device, "address");
        if (address == null || !"pci".equals(address.getAttribute("type"))) {
            return;
        }
        device.removeChild(address);
        if (!i440fx) {
            return; // q35: libvirt puts it on a free root port
        }
        int slot = 3;
        while (usedSlots.contains(slot)) {
            slot++;
        }
        if (slot > 31) {
            throw new AbiguardException("no free PCI slot on bus 0 for " + device.getTagName());
        }
        usedSlots.add(slot);
        Element fresh = doc.createElement("address");
        fresh.setAttribute("type", "pci");
        fresh.setAttribute("domain", "0x0000");
        fresh.setAttribute("bus", "0x00");
        fresh.setAttribute("slot", String.format(java.util.Locale.ROOT, "0x%02x", slot));
        fresh.setAttribute("function", "0x0");
        device.appendChild(fresh);
    }

    private static void prove(String baselineXml, String repinned) {
        List<Finding> left = DriftEngine.compare(baselineXml, repinned).stream().filter(Finding::guestVisible)
                .filter(f -> f.category() != Category.DEVICE_ADDED && f.category() != Category.DEVICE_REMOVED).toList();
        if (!left.isEmpty()) {
            throw new AbiguardException("repin could not put back every guest-visible field (nothing written): " + left);
        }
    }
}
