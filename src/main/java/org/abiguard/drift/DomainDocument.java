package org.abiguard.drift;

import java.util.ArrayList;
import java.util.List;
import org.abiguard.AbiguardException;
import org.abiguard.libvirt.SafeXml;
import org.abiguard.libvirt.VolatileFields;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * A libvirt domain XML prepared for comparison: parsed safely (no DTD, no entities), checked to be a
 * {@code <domain>}, with {@link VolatileFields}, comments and formatting whitespace removed and every value in
 * its one canonical spelling ({@link Spellings}). Not thread-safe (a DOM).
 */
public final class DomainDocument {
    private final Document document;
    private final Element root;
    private final Element devices;

    private DomainDocument(Document document) {
        this.document = document;
        this.root = document.getDocumentElement();
        this.devices = firstChild(root, "devices");
    }

    /** Parses {@code xml}; {@code what} names it in errors ("BASE.xml"). */
    public static DomainDocument parse(String xml, String what) {
        Document document = SafeXml.parse(xml, what);
        Element root = document.getDocumentElement();
        if (!"domain".equals(root.getTagName())) {
            throw new AbiguardException(what + " is not a libvirt domain XML: its root element is <"
                    + root.getTagName() + ">, not <domain>");
        }
        strip(root);
        Spellings.canonicalise(root);
        return new DomainDocument(document);
    }

    /**
     * Parses {@code xml} as it is: checked to be a domain, nothing stripped or re-spelled. For editing a
     * definition that libvirt will read again ({@code repin}); comparisons use {@link #parse}.
     */
    static DomainDocument parseRaw(String xml, String what) {
        Document document = SafeXml.parse(xml, what);
        if (!"domain".equals(document.getDocumentElement().getTagName())) {
            throw new AbiguardException(what + " is not a libvirt domain XML");
        }
        return new DomainDocument(document);
    }

    /** This document without its top-level {@code name} element (changes this document). */
    DomainDocument withoutElement(String name) {
        Element element = firstChild(root, name);
        if (element != null) {
            root.removeChild(element);
        }
        return this;
    }

    public Document document() {
        return document;
    }

    public Element root() {
        return root;
    }

    /** The device elements in document order; empty when there is no {@code <devices>}. */
    public List<Element> devices() {
        List<Element> result = new ArrayList<>();
        if (devices != null) {
            for (Node n = devices.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    result.add(e);
                }
            }
        }
        return result;
    }

    /** The child elements of {@code parent} named {@code name} (every child element for null), in order. */
    public static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                result.add(e);
            }
        }
        return result;
    }

    static Element firstChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static void strip(Element element) {
        NamedNodeMap attrs = element.getAttributes();
        for (int i = attrs.getLength() - 1; i >= 0; i--) {
            String name = attrs.item(i).getNodeName();
            if (VolatileFields.isVolatileAttribute(element, name)) {
                element.removeAttribute(name);
            } else {
                attrs.item(i).setNodeValue(VolatileFields.normalisedValue(attrs.item(i).getNodeValue()));
            }
        }
        Node child = element.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child instanceof Element e) {
                if (VolatileFields.isVolatile(e)) {
                    element.removeChild(e);
                } else {
                    strip(e);
                }
            } else if (child.getNodeType() == Node.COMMENT_NODE || child.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                element.removeChild(child);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String text = child.getNodeValue().strip();
                if (text.isEmpty()) {
                    element.removeChild(child);
                } else {
                    child.setNodeValue(text);
                }
            }
            child = next;
        }
    }
}
