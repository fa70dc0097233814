package org.abiguard.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.abiguard.drift.DomainDocument;
import org.abiguard.libvirt.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The parts of a domain definition that reach beyond a managed guest's own virtual hardware, which libvirt's
 * normal output for such a guest does not carry: elements in another namespace outside {@code <metadata>}
 * (e.g. {@code qemu:commandline}, arbitrary QEMU arguments), host PCI/USB devices ({@code <hostdev>},
 * {@code interface type='hostdev'}), disks on host block devices ({@code /dev/...}) and filesystem
 * passthrough. A poisoned archive would use exactly these to reach the host a restore defines it on.
 */
final class ArchivedConstructs {
    static final String CUSTOM_NAMESPACE = "custom-namespace";
    static final String HOSTDEV = "hostdev";
    static final String HOST_BLOCK_DEVICE = "host-block-device";
    static final String FILESYSTEM = "filesystem";
    static final Set<String> KINDS = Set.of(CUSTOM_NAMESPACE, HOSTDEV, HOST_BLOCK_DEVICE, FILESYSTEM);

    /** One construct: its kind (what {@code --allow} names) and what it is, comparable across versions. */
    record Construct(String kind, String what) {
    }

    private ArchivedConstructs() {
    }

    static List<Construct> of(String xml) {
        Document doc = SafeXml.parse(xml, "the archived definition");
        List<Construct> found = new ArrayList<>();
        foreignElements(doc.getDocumentElement(), found);
        for (Element e : children(doc, "hostdev")) {
            found.add(new Construct(HOSTDEV, "hostdev " + e.getAttribute("type") + " " + compact(e)));
        }
        for (Element e : children(doc, "interface")) {
            if (e.getAttribute("type").equals("hostdev")) {
                found.add(new Construct(HOSTDEV, "interface type='hostdev' " + compact(e)));
            }
        }
        for (Element e : children(doc, "disk")) {
            String dev = source(e, "dev");
            if (dev.startsWith("/dev/")) {
                found.add(new Construct(HOST_BLOCK_DEVICE, "disk on host device " + dev));
            }
        }
        for (Element e : children(doc, "filesystem")) {
            String dir = source(e, "dir");
            found.add(new Construct(FILESYSTEM, "filesystem passthrough of " + (dir.isEmpty() ? compact(e) : dir)));
        }
        return found;
    }

    /** Elements outside libvirt's (empty) namespace, except inside {@code <metadata>}, where applications keep theirs. */
    private static void foreignElements(Element element, List<Construct> found) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            if (child.getNamespaceURI() != null && !child.getNamespaceURI().isEmpty()) {
                found.add(new Construct(CUSTOM_NAMESPACE, "<" + child.getTagName() + "> (namespace " + child.getNamespaceURI() + ")"));
            } else if (!(child.getTagName().equals("metadata") && element == element.getOwnerDocument().getDocumentElement())) {
                foreignElements(child, found);
            }
        }
    }

    /** The guest's devices named {@code name}. */
    private static List<Element> children(Document doc, String name) {
        List<Element> result = new ArrayList<>();
        for (Element devices : DomainDocument.children(doc.getDocumentElement(), "devices")) {
            result.addAll(DomainDocument.children(devices, name));
        }
        return result;
    }

    private static String source(Element device, String attribute) {
        NodeList sources = device.getElementsByTagName("source");
        return sources.getLength() == 0 ? "" : ((Element) sources.item(0)).getAttribute(attribute);
    }

    /** The element's source, for telling two host devices apart. */
    private static String compact(Element e) {
        NodeList sources = e.getElementsByTagName("source");
        if (sources.getLength() == 0) {
            return "(no source)";
        }
        StringBuilder text = new StringBuilder();
        NodeList all = ((Element) sources.item(0)).getElementsByTagName("*");
        appendAttributes((Element) sources.item(0), text);
        for (int i = 0; i < all.getLength(); i++) {
            text.append(' ').append(((Element) all.item(i)).getTagName());
            appendAttributes((Element) all.item(i), text);
        }
        return text.toString().trim();
    }

    private static void appendAttributes(Element e, StringBuilder text) {
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            Node a = e.getAttributes().item(i);
            text.append(' ').append(a.getNodeName()).append("='").append(a.getNodeValue()).append('\'');
        }
    }
}
