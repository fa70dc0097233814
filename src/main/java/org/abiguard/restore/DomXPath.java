package org.abiguard.restore;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** XPath over libvirt documents for the target checks; expressions are constants, so a bad one is a bug. */
public final class DomXPath {
    private DomXPath() {
    }

    public static String text(Node doc, String xpath) {
        try {
            return xpath().evaluate(xpath, doc).trim();
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(xpath, e);
        }
    }

    public static NodeList nodes(Node doc, String xpath) {
        try {
            return (NodeList) xpath().evaluate(xpath, doc, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(xpath, e);
        }
    }

    /** XPath objects are not thread-safe, and making a factory costs more than most evaluations: one per thread. */
    private static final ThreadLocal<XPath> XPATH = ThreadLocal.withInitial(() -> XPathFactory.newInstance().newXPath());

    private static XPath xpath() {
        return XPATH.get();
    }
}
