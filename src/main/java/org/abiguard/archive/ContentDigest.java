package org.abiguard.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.abiguard.libvirt.SafeXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The identity of a domain XML's content: SHA-256 over its elements, attributes (sorted) and
 * non-blank text, with live-only volatile data left out, so a running guest whose libvirt-assigned
 * ids, aliases, VNC autoports, pty paths or tap names change does not make a new version each pass.
 * Left out (all are reassigned by libvirt at every start, none is guest ABI that a definition fixes):
 * {@code domain/@id}; {@code alias} elements not named {@code ua-*}; {@code port}, {@code tlsPort},
 * {@code websocket} of graphics with autoport; dynamic {@code seclabel}; {@code resource};
 * {@code @index} of disk sources and backing stores; {@code vnet*}/{@code macvtap*} interface targets;
 * pty paths of serial/console; channel connection state; the domain id in channel socket paths.
 * Thread-safe.
 */
public final class ContentDigest {
    private static final Pattern AUTO_TAP = Pattern.compile("(vnet|macvtap|macvlan|tap)\\d+");
    private static final Pattern DOMAIN_ID_IN_PATH = Pattern.compile("/domain-\\d+-");

    private ContentDigest() {
    }

    public static String of(String xml, String what) {
        Element root = SafeXml.parse(xml, what).getDocumentElement();
        MessageDigest digest = sha256();
        feed(root, digest, new ArrayList<>());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void feed(Element element, MessageDigest digest, List<String> path) {
        String name = element.getTagName();
        if (isVolatileElement(element, name, path)) {
            return;
        }
        update(digest, "<" + name);
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap attrs = element.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr attr = (Attr) attrs.item(i);
            if (!isVolatileAttribute(element, name, attr.getName(), path)) {
                attributes.put(attr.getName(), normalisedValue(attr.getValue()));
            }
        }
        attributes.forEach((key, value) -> update(digest, " " + key + "=" + value.length() + ":" + value));
        update(digest, ">");
        path.add(name);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                feed(childElement, digest, path);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String text = child.getNodeValue().strip();
                if (!text.isEmpty()) {
                    update(digest, "#" + text.length() + ":" + text);
                }
            }
        }
        path.remove(path.size() - 1);
        update(digest, "</>");
    }

    private static boolean isVolatileElement(Element element, String name, List<String> path) {
        String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
        return switch (name) {
            case "alias" -> !element.getAttribute("name").startsWith("ua-");
            case "seclabel" -> path.size() == 1 && "dynamic".equals(element.getAttribute("type"));
            case "resource" -> path.size() == 1;
            case "target" -> "interface".equals(parent) && AUTO_TAP.matcher(element.getAttribute("dev")).matches()
                    && element.getAttributes().getLength() == 1;
            default -> false;
        };
    }

    private static boolean isVolatileAttribute(Element element, String name, String attr, List<String> path) {
        String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
        return switch (name) {
            case "domain" -> path.isEmpty() && attr.equals("id");
            case "graphics" -> "yes".equals(element.getAttribute("autoport"))
                    && (attr.equals("port") || attr.equals("tlsPort") || attr.equals("websocket"));
            case "source", "backingStore" -> attr.equals("index")
                    || (attr.equals("path") && "source".equals(name) && isPty(element));
            case "console" -> attr.equals("tty");
            case "target" -> "channel".equals(parent) && attr.equals("state");
            default -> false;
        };
    }

    private static boolean isPty(Element source) {
        Node parent = source.getParentNode();
        return parent instanceof Element chardev && "pty".equals(chardev.getAttribute("type"));
    }

    private static String normalisedValue(String value) {
        return value.indexOf("/domain-") >= 0 ? DOMAIN_ID_IN_PATH.matcher(value).replaceAll("/domain-N-") : value;
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
