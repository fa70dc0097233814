package org.abiguard.drift;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * One spelling for what libvirt reads as the same guest, so that no finding's before and after mean the
 * same thing. Applied to both sides before comparing (changes the DOM):
 * <ul>
 * <li>numbers in any base: attribute values are rewritten in decimal as libvirt reads them
 *     ({@code slot='0x03'} and {@code slot='3'} are one slot; a DIMM base is always hex);</li>
 * <li>sizes in any unit: memory, currentMemory, maxMemory, DIMM and ivshmem sizes and NUMA cell memory
 *     become KiB (bytes when not a whole KiB), with libvirt's default unit where none is written (KiB,
 *     bytes for ivshmem);</li>
 * <li>the implicit defaults libvirt writes out by itself: {@code <panic>} model {@code isa} on x86, the
 *     console of serial port 0 (a {@code <console>} of target type serial beside a {@code <serial>}),
 *     {@code <readonly/>} of a cdrom, {@code multifunction='on'} on function 0 of a slot with other
 *     functions in use, the primary video first and marked primary, the lowest free target port of a
 *     serial or parallel port written without one, no memory backing source as source type "none".</li>
 * <li>identifiers in any case (UUID, MACs), {@code dies='1'}, a disk bus left to the target's prefix, a
 *     {@code <currentMemory>} equal to {@code <memory>}.</li>
 * </ul>
 * Not thread-safe (works on one DOM).
 */
final class Spellings {
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,16}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");
    private static final Pattern HEX_DIGITS = Pattern.compile("(0[xX])?[0-9a-fA-F]{1,16}");
    private static final Pattern OCTAL = Pattern.compile("0[0-7]{1,21}");
    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("kb", 1000L), Map.entry("k", 1024L), Map.entry("kib", 1024L), Map.entry("mb", 1000_000L),
            Map.entry("m", 1L << 20), Map.entry("mib", 1L << 20), Map.entry("gb", 1000_000_000L),
            Map.entry("g", 1L << 30), Map.entry("gib", 1L << 30), Map.entry("tb", 1000_000_000_000L),
            Map.entry("t", 1L << 40), Map.entry("tib", 1L << 40));
    private static final Set<String> TOP_SIZES = Set.of("memory", "currentMemory", "maxMemory");

    private Spellings() {
    }

    static void canonicalise(Element root) {
        identifiers(root);
        numbers(root);
        memoryBackingSource(root);
        Element cpu = DomainDocument.firstChild(root, "cpu");
        Element numa = cpu == null ? null : DomainDocument.firstChild(cpu, "numa");
        for (Element cell : numa == null ? List.<Element>of() : DomainDocument.children(numa, "cell")) {
            if (cell.hasAttribute("memory")) {
                cell.setAttribute("memory", kib(cell.getAttribute("memory"), cell.getAttribute("unit"), 1024));
                cell.setAttribute("unit", "KiB");
            }
        }
        for (String name : TOP_SIZES) {
            Element e = DomainDocument.firstChild(root, name);
            if (e != null) {
                size(e, 1024);
            }
        }
        currentMemoryAsMemory(root);
        Element devices = DomainDocument.firstChild(root, "devices");
        if (devices != null) {
            devices(root, devices);
        }
    }

    /** Disk target prefixes libvirt derives the bus from when none is written (virDomainDiskDefAssignAddress's rule). */
    private static final Map<String, String> BUS_BY_PREFIX = Map.of("vd", "virtio", "sd", "scsi", "hd", "ide", "fd", "fdc",
            "xvd", "xen", "ubd", "uml");

    /**
     * Case and defaults libvirt reads as one value (found by the oracle corpus's modern shapes): the UUID and MACs in
     * any case, a CPU topology's {@code dies='1'} written or not, a disk target without a bus (the prefix's bus).
     */
    private static void identifiers(Element root) {
        Element uuid = DomainDocument.firstChild(root, "uuid");
        if (uuid != null) {
            uuid.setTextContent(uuid.getTextContent().strip().toLowerCase(Locale.ROOT));
        }
        Element cpu = DomainDocument.firstChild(root, "cpu");
        Element topology = cpu == null ? null : DomainDocument.firstChild(cpu, "topology");
        if (topology != null && "1".equals(topology.getAttribute("dies"))) {
            topology.removeAttribute("dies");
        }
        Element devices = DomainDocument.firstChild(root, "devices");
        for (Element device : devices == null ? List.<Element>of() : DomainDocument.children(devices, null)) {
            Element mac = DomainDocument.firstChild(device, "mac");
            if (mac != null && mac.hasAttribute("address")) {
                mac.setAttribute("address", mac.getAttribute("address").toLowerCase(Locale.ROOT));
            }
            Element target = device.getTagName().equals("disk") ? DomainDocument.firstChild(device, "target") : null;
            if (target != null && !target.hasAttribute("bus")) {
                String dev = target.getAttribute("dev");
                BUS_BY_PREFIX.entrySet().stream().filter(e -> dev.startsWith(e.getKey()))
                        .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                        .ifPresent(e -> target.setAttribute("bus", e.getValue()));
            }
        }
    }

    /** A {@code <currentMemory>} equal to {@code <memory>} is what libvirt writes when none is given: one spelling. */
    private static void currentMemoryAsMemory(Element root) {
        Element memory = DomainDocument.firstChild(root, "memory");
        Element current = DomainDocument.firstChild(root, "currentMemory");
        if (memory != null && current != null && memory.getTextContent().strip().equals(current.getTextContent().strip())
                && memory.getAttribute("unit").equals(current.getAttribute("unit"))) {
            root.removeChild(current);
        }
    }

    private static void devices(Element root, Element devices) {
        boolean x86 = isX86(root);
        boolean hasSerial = !DomainDocument.children(devices, "serial").isEmpty();
        for (Element device : DomainDocument.children(devices, null)) {
            switch (device.getTagName()) {
                case "memory" -> sizeBelow(device, "target", 1024);
                case "shmem" -> {
                    Element size = DomainDocument.firstChild(device, "size");
                    if (size != null) {
                        size(size, 1);
                    }
                }
                case "panic" -> {
                    if (x86 && !device.hasAttribute("model")) {
                        device.setAttribute("model", "isa");
                    }
                }
                case "console" -> {
                    String target = Attributes.childAttr(device, "target", "type");
                    if (hasSerial && (target.isEmpty() || target.equals("serial"))) {
                        devices.removeChild(device);
                    }
                }
                case "disk" -> {
                    if ("cdrom".equals(device.getAttribute("device")) && DomainDocument.firstChild(device, "readonly") == null) {
                        device.appendChild(device.getOwnerDocument().createElement("readonly"));
                    }
                }
                default -> {
                }
            }
        }
        multifunction(devices);
        primaryVideoFirst(devices);
        chardevPorts(devices, "parallel");
        chardevPorts(devices, "serial");
    }

    /** No {@code <memoryBacking><source>} is libvirt's source "none"; written out so a change shows as a value. */
    private static void memoryBackingSource(Element root) {
        Element backing = DomainDocument.firstChild(root, "memoryBacking");
        if (backing == null) {
            backing = root.getOwnerDocument().createElement("memoryBacking");
            root.appendChild(backing);
        }
        if (DomainDocument.firstChild(backing, "source") == null) {
            Element source = root.getOwnerDocument().createElement("source");
            source.setAttribute("type", "none");
            backing.appendChild(source);
        }
    }

    /** libvirt moves the primary video (primary='yes', else the first) to the front and marks it primary. */
    private static void primaryVideoFirst(Element devices) {
        List<Element> videos = DomainDocument.children(devices, "video");
        if (videos.isEmpty()) {
            return;
        }
        Element primary = videos.stream().filter(v -> "yes".equals(Attributes.childAttr(v, "model", "primary")))
                .findFirst().orElse(videos.get(0));
        Element model = DomainDocument.firstChild(primary, "model");
        if (model != null) {
            model.setAttribute("primary", "yes");
        }
        if (primary != videos.get(0)) {
            devices.insertBefore(primary, videos.get(0));
        }
    }

    /** A serial or parallel port without a target port gets the lowest free one, as libvirt assigns it. */
    private static void chardevPorts(Element devices, String kind) {
        List<Element> ports = DomainDocument.children(devices, kind);
        Set<String> used = new HashSet<>();
        ports.forEach(p -> used.add(Attributes.childAttr(p, "target", "port")));
        int next = 0;
        for (Element port : ports) {
            Element target = DomainDocument.firstChild(port, "target");
            if (target != null && target.hasAttribute("port")) {
                continue;
            }
            while (used.contains(Integer.toString(next))) {
                next++;
            }
            if (target == null) {
                target = port.getOwnerDocument().createElement("target");
                port.appendChild(target);
            }
            target.setAttribute("port", Integer.toString(next));
            used.add(Integer.toString(next));
        }
    }

    /** Function 0 of a PCI slot whose other functions are in use is multifunction whether or not it says so. */
    private static void multifunction(Element devices) {
        Set<String> shared = new HashSet<>();
        for (Element device : DomainDocument.children(devices, null)) {
            Element a = DomainDocument.firstChild(device, "address");
            if (a != null && "pci".equals(a.getAttribute("type")) && !isZero(a.getAttribute("function"))) {
                shared.add(slotKey(a));
            }
        }
        for (Element device : DomainDocument.children(devices, null)) {
            Element a = DomainDocument.firstChild(device, "address");
            if (a != null && "pci".equals(a.getAttribute("type")) && isZero(a.getAttribute("function"))
                    && shared.contains(slotKey(a)) && !a.hasAttribute("multifunction")) {
                a.setAttribute("multifunction", "on");
            }
        }
    }

    private static String slotKey(Element a) {
        return a.getAttribute("domain") + ":" + a.getAttribute("bus") + ":" + a.getAttribute("slot");
    }

    private static boolean isZero(String value) {
        return value.isEmpty() || value.equals("0");
    }

    private static boolean isX86(Element root) {
        Element os = DomainDocument.firstChild(root, "os");
        String arch = os == null ? "" : Attributes.childAttr(os, "type", "arch");
        return arch.isEmpty() || arch.equals("x86_64") || arch.equals("i686");
    }

    private static void sizeBelow(Element device, String child, long defaultUnit) {
        Element parent = DomainDocument.firstChild(device, child);
        Element size = parent == null ? null : DomainDocument.firstChild(parent, "size");
        if (size != null) {
            size(size, defaultUnit);
        }
    }

    /** An element holding a size as text, with an optional unit attribute. */
    private static void size(Element e, long defaultUnit) {
        String text = e.getTextContent().trim();
        String converted = kibOrNull(text, e.getAttribute("unit"), defaultUnit);
        if (converted != null) {
            boolean whole = !converted.endsWith("b");
            e.setTextContent(whole ? converted : converted.substring(0, converted.length() - 1));
            e.setAttribute("unit", whole ? "KiB" : "b");
        }
    }

    private static String kib(String value, String unit, long defaultUnit) {
        String converted = kibOrNull(value, unit, defaultUnit);
        return converted == null || converted.endsWith("b") ? value : converted;
    }

    /** The size in KiB as decimal text, or bytes with a trailing "b"; null when not a plain number or unit. */
    private static String kibOrNull(String value, String unit, long defaultUnit) {
        Long scale = unit.isEmpty() ? Long.valueOf(defaultUnit) : UNITS.get(unit.toLowerCase(Locale.ROOT));
        if (scale == null || !DECIMAL.matcher(value).matches()) {
            return null;
        }
        BigInteger bytes = new BigInteger(value).multiply(BigInteger.valueOf(scale));
        BigInteger[] kib = bytes.divideAndRemainder(BigInteger.valueOf(1024));
        return kib[1].signum() == 0 ? kib[0].toString() : bytes + "b";
    }

    /**
     * Attribute numbers in decimal, read the way libvirt reads them: a DIMM's {@code base} is always hex
     * ({@code 100000000} is 0x100000000), PCI address fields take C notation (0x hex, leading-0 octal),
     * anything else written {@code 0x..} is hex.
     */
    private static void numbers(Element element) {
        NamedNodeMap attrs = element.getAttributes();
        boolean address = element.getTagName().equals("address");
        String addressType = address ? element.getAttribute("type") : "";
        for (int i = 0; i < attrs.getLength(); i++) {
            Node attr = attrs.item(i);
            String value = attr.getNodeValue();
            String name = attr.getNodeName();
            if (addressType.equals("dimm") && name.equals("base") && HEX_DIGITS.matcher(value).matches()) {
                attr.setNodeValue(new BigInteger(value.replaceFirst("^0[xX]", ""), 16).toString());
            } else if (HEX.matcher(value).matches()) {
                attr.setNodeValue(new BigInteger(value.substring(2), 16).toString());
            } else if (addressType.equals("pci") && OCTAL.matcher(value).matches()) {
                attr.setNodeValue(new BigInteger(value.substring(1), 8).toString());
            }
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                numbers(e);
            }
        }
    }
}
