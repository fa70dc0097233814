package org.abiguard.libvirt;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.abiguard.AbiguardException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses XML with DTDs, external entities and XInclude disabled: libvirt XML never needs them,
 * and a document that carries a DOCTYPE is refused outright (no XXE, no entity expansion bombs).
 * Thread-safe: each call builds its own parser (factories are not thread-safe to share for configuration).
 */
public final class SafeXml {
    /** Documents above this size are refused before parsing. libvirt's own domain XML is a few KiB. */
    public static final int MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;
    /** Element nesting libvirt's parser (libxml2 without XML_PARSE_HUGE) accepts; deeper is refused. */
    public static final int MAX_DEPTH = 256;

    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SafeXml::newBuilder);

    private SafeXml() {
    }

    /** Parses {@code xml}; {@code what} names the document in the one-line error. */
    public static Document parse(String xml, String what) {
        if (xml.length() > MAX_DOCUMENT_CHARS) {
            throw new AbiguardException(what + " is " + xml.length() + " characters, over the limit of "
                    + MAX_DOCUMENT_CHARS);
        }
        DocumentBuilder builder = BUILDERS.get();
        builder.reset();
        String text = xml.startsWith("\uFEFF") ? xml.substring(1) : xml; // a UTF-8 byte-order mark, decoded
        try {
            Document document = builder.parse(new InputSource(new StringReader(text)));
            checkDepth(document, what);
            return document;
        } catch (SAXException e) {
            throw new AbiguardException(what + " is not well-formed XML or uses a DTD: " + AbiguardException.oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new AbiguardException("cannot read " + what + ": " + AbiguardException.oneLine(e.getMessage()), e);
        }
    }

    /** Refuses nesting deeper than {@link #MAX_DEPTH}; iterative, so a deep document cannot overflow the stack. */
    private static void checkDepth(Document document, String what) {
        org.w3c.dom.Node node = document.getDocumentElement();
        int depth = 1;
        while (node != null) {
            if (depth > MAX_DEPTH) {
                throw new AbiguardException(what + " nests elements deeper than " + MAX_DEPTH
                        + " levels, which libvirt refuses");
            }
            org.w3c.dom.Node child = node.getFirstChild();
            while (child != null && child.getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
                child = child.getNextSibling();
            }
            if (child != null) {
                node = child;
                depth++;
                continue;
            }
            while (node != null) {
                org.w3c.dom.Node next = node.getNextSibling();
                while (next != null && next.getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
                    next = next.getNextSibling();
                }
                if (next != null) {
                    node = next;
                    break;
                }
                node = node.getParentNode();
                depth--;
                if (node == null || node.getNodeType() == org.w3c.dom.Node.DOCUMENT_NODE) {
                    return;
                }
            }
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }
}
