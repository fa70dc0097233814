package org.abiguard.testing;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** DOM edits of domain XML for test corpora: select with XPath, change, serialise. */
public final class XmlEdit {
    private final Document document;

    private XmlEdit(Document document) {
        this.document = document;
    }

    public static String apply(String xml, Consumer<XmlEdit> edit) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            XmlEdit editor = new XmlEdit(factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
            edit.accept(editor);
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(editor.document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("XML edit failed", e);
        }
    }

    public Element one(String xpath) {
        NodeList nodes = all(xpath);
        if (nodes.getLength() == 0) {
            throw new IllegalStateException("no node at " + xpath);
        }
        return (Element) nodes.item(0);
    }

    public NodeList all(String xpath) {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
        } catch (Exception e) {
            throw new IllegalStateException("bad xpath " + xpath, e);
        }
    }

    public XmlEdit set(String xpath, String attribute, String value) {
        one(xpath).setAttribute(attribute, value);
        return this;
    }

    public XmlEdit text(String xpath, String value) {
        one(xpath).setTextContent(value);
        return this;
    }

    public XmlEdit remove(String xpath) {
        Node node = one(xpath);
        node.getParentNode().removeChild(node);
        return this;
    }

    /** Appends the parsed fragment as the last child of the node at {@code xpath}. */
    public XmlEdit append(String xpath, String fragment) {
        try {
            Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(fragment)));
            one(xpath).appendChild(document.importNode(parsed.getDocumentElement(), true));
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("bad fragment " + fragment, e);
        }
    }

    /** Swaps the values of {@code attribute} on the first two nodes matching {@code xpath}. */
    public XmlEdit swap(String xpath, String attribute) {
        NodeList nodes = all(xpath);
        Element a = (Element) nodes.item(0);
        Element b = (Element) nodes.item(1);
        String value = a.getAttribute(attribute);
        a.setAttribute(attribute, b.getAttribute(attribute));
        b.setAttribute(attribute, value);
        return this;
    }

    /** Swaps the address elements of the first two nodes matching {@code xpath}. */
    public XmlEdit swapAddresses(String xpath) {
        NodeList nodes = all(xpath);
        Element a = child((Element) nodes.item(0), "address");
        Element b = child((Element) nodes.item(1), "address");
        Node aCopy = a.cloneNode(true);
        a.getParentNode().replaceChild(b.cloneNode(true), a);
        b.getParentNode().replaceChild(aCopy, b);
        return this;
    }

    /** Exchanges the positions of the first two nodes matching {@code xpath}; their content is unchanged. */
    public XmlEdit swapElements(String xpath) {
        NodeList nodes = all(xpath);
        Node a = nodes.item(0);
        Node b = nodes.item(1);
        Node marker = document.createComment("swap");
        b.getParentNode().replaceChild(marker, b);
        a.getParentNode().replaceChild(b, a);
        marker.getParentNode().replaceChild(a, marker);
        return this;
    }

    /** Sets {@code attribute} on every node matching {@code xpath}. */
    public XmlEdit setAll(String xpath, String attribute, String value) {
        NodeList nodes = all(xpath);
        for (int i = 0; i < nodes.getLength(); i++) {
            ((Element) nodes.item(i)).setAttribute(attribute, value);
        }
        return this;
    }

    /** Rewrites every 0x-hex attribute value of the nodes matching {@code xpath} in decimal. */
    public XmlEdit hexToDecimal(String xpath) {
        NodeList nodes = all(xpath);
        for (int i = 0; i < nodes.getLength(); i++) {
            var attrs = nodes.item(i).getAttributes();
            for (int j = 0; j < attrs.getLength(); j++) {
                String value = attrs.item(j).getNodeValue();
                if (value.matches("0x[0-9a-fA-F]+")) {
                    attrs.item(j).setNodeValue(Long.toString(Long.parseLong(value.substring(2), 16)));
                }
            }
        }
        return this;
    }

    /** Rewrites every decimal attribute value of the nodes matching {@code xpath} as 0x-hex. */
    public XmlEdit decimalToHex(String xpath, String... attributes) {
        NodeList nodes = all(xpath);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            for (String attribute : attributes) {
                if (e.getAttribute(attribute).matches("[0-9]+")) {
                    e.setAttribute(attribute, "0x" + Long.toHexString(Long.parseLong(e.getAttribute(attribute))));
                }
            }
        }
        return this;
    }

    /** Rewrites a KiB size held by the element at {@code xpath} (text and unit attribute) in MiB. */
    public XmlEdit kibToMib(String xpath) {
        NodeList nodes = all(xpath);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            e.setTextContent(Long.toString(Long.parseLong(e.getTextContent().trim()) / 1024));
            e.setAttribute("unit", "MiB");
        }
        return this;
    }

    public Document document() {
        return document;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
    }
}
