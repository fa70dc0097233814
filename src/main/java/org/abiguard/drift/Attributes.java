package org.abiguard.drift;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/** Attribute helpers for finding texts. */
final class Attributes {
    private Attributes() {
    }

    /** "a=1 b=2", sorted by name: a stable one-line rendering of an element's attributes. */
    static String sorted(Element element) {
        Map<String, String> attrs = new TreeMap<>();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            attrs.put(map.item(i).getNodeName(), map.item(i).getNodeValue());
        }
        return attrs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** The value of {@code attr} on the first child {@code child} of {@code element}, or "". */
    static String childAttr(Element element, String child, String attr) {
        Element c = DomainDocument.firstChild(element, child);
        return c == null ? "" : c.getAttribute(attr);
    }
}
