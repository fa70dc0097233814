package org.abiguard.libvirt;

import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Live-only data libvirt reassigns at every start, none of it fixed by a definition: {@code domain/@id};
 * {@code alias} elements not named {@code ua-*}; {@code port}, {@code tlsPort}, {@code websocket} of
 * graphics with autoport; the dynamic top-level {@code seclabel}; {@code resource}; {@code @index} of
 * disk sources and backing stores; {@code vnet*}/{@code macvtap*}/{@code tap*} interface targets; pty
 * paths of serial/console; channel connection state; the domain id in channel socket paths
 * ({@link #normalisedValue}). Thread-safe.
 */
public final class VolatileFields {
    private static final Pattern AUTO_TAP = Pattern.compile("(vnet|macvtap|macvlan|tap)\\d+");
    private static final Pattern DOMAIN_ID_IN_PATH = Pattern.compile("/domain-\\d+-");

    private VolatileFields() {
    }

    /** True when the whole element (with its subtree) is volatile. */
    public static boolean isVolatile(Element element) {
        String name = element.getTagName();
        boolean topLevel = isTopLevel(element);
        return switch (name) {
            case "alias" -> !element.getAttribute("name").startsWith("ua-");
            case "seclabel" -> topLevel && "dynamic".equals(element.getAttribute("type"));
            case "resource" -> topLevel;
            case "target" -> "interface".equals(parentName(element))
                    && AUTO_TAP.matcher(element.getAttribute("dev")).matches()
                    && element.getAttributes().getLength() == 1;
            default -> false;
        };
    }

    public static boolean isVolatileAttribute(Element element, String attr) {
        return switch (element.getTagName()) {
            case "domain" -> attr.equals("id") && element.getParentNode().getNodeType() == Node.DOCUMENT_NODE;
            case "graphics" -> "yes".equals(element.getAttribute("autoport"))
                    && (attr.equals("port") || attr.equals("tlsPort") || attr.equals("websocket"));
            case "source" -> attr.equals("index") || (attr.equals("path") && isPtySource(element));
            case "backingStore" -> attr.equals("index");
            case "console" -> attr.equals("tty");
            case "target" -> attr.equals("state") && "channel".equals(parentName(element));
            default -> false;
        };
    }

    /** Attribute values with the per-start domain id in channel socket paths made constant. */
    public static String normalisedValue(String value) {
        return value.contains("/domain-") ? DOMAIN_ID_IN_PATH.matcher(value).replaceAll("/domain-N-") : value;
    }

    private static boolean isTopLevel(Element element) {
        Node parent = element.getParentNode();
        return parent instanceof Element p && p.getParentNode() != null
                && p.getParentNode().getNodeType() == Node.DOCUMENT_NODE;
    }

    private static String parentName(Element element) {
        return element.getParentNode() instanceof Element parent ? parent.getTagName() : "";
    }

    private static boolean isPtySource(Element source) {
        return source.getParentNode() instanceof Element chardev && "pty".equals(chardev.getAttribute("type"));
    }
}
