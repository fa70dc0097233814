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
        try {
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new AbiguardException(what + " is not well-formed XML or uses a DTD: " + AbiguardException.oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new AbiguardException("cannot read " + what + ": " + AbiguardException.oneLine(e.getMessage()), e);
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
