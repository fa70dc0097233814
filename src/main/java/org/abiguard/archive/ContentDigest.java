package org.abiguard.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.abiguard.libvirt.SafeXml;
import org.abiguard.libvirt.VolatileFields;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The identity of a domain XML's content: SHA-256 over its elements, attributes (sorted) and
 * non-blank text, leaving out {@link VolatileFields}, so a running guest whose libvirt-assigned ids,
 * aliases, VNC autoports, pty paths or tap names change does not make a new version each pass.
 * Thread-safe.
 */
public final class ContentDigest {
    private ContentDigest() {
    }

    public static String of(String xml, String what) {
        Element root = SafeXml.parse(xml, what).getDocumentElement();
        MessageDigest digest = sha256();
        feed(root, digest);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void feed(Element element, MessageDigest digest) {
        if (VolatileFields.isVolatile(element)) {
            return;
        }
        update(digest, "<" + element.getTagName());
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap attrs = element.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr attr = (Attr) attrs.item(i);
            if (!VolatileFields.isVolatileAttribute(element, attr.getName())) {
                attributes.put(attr.getName(), VolatileFields.normalisedValue(attr.getValue()));
            }
        }
        attributes.forEach((key, value) -> update(digest, " " + key + "=" + value.length() + ":" + value));
        update(digest, ">");
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                feed(childElement, digest);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String text = child.getNodeValue().strip();
                if (!text.isEmpty()) {
                    update(digest, "#" + text.length() + ":" + text);
                }
            }
        }
        update(digest, "</>");
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
