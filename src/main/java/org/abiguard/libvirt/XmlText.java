package org.abiguard.libvirt;

import java.io.StringWriter;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.abiguard.AbiguardException;
import org.w3c.dom.Node;

/** A DOM written back as XML text, without an XML declaration (as libvirt writes domain XML). Thread-safe. */
public final class XmlText {
    private XmlText() {
    }

    public static String of(Node node) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new AbiguardException("cannot write XML: " + e.getMessage(), e);
        }
    }
}
