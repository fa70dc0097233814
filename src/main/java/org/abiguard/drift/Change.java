package org.abiguard.drift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xmlunit.diff.Comparison;
import org.xmlunit.diff.ComparisonType;

/**
 * One XMLUnit difference read as a change of a field: the element holding it (on the current side
 * when it exists there), its path of element names below {@code <domain>}, the attribute ("" for
 * text or whole elements) and the values before and after (null when absent).
 */
record Change(Element element, List<String> path, String attribute, String before, String after) {

    /** Interprets the comparison types that carry a field change; null for the others. */
    static Change of(ComparisonType type, Comparison.Detail control, Comparison.Detail test) {
        return switch (type) {
            case ATTR_VALUE, TEXT_VALUE -> {
                Element element = DriftEngine.ownerOf(test.getTarget());
                String attribute = type == ComparisonType.ATTR_VALUE ? test.getTarget().getNodeName() : "";
                yield new Change(element, pathOf(element), attribute, String.valueOf(control.getValue()),
                        String.valueOf(test.getValue()));
            }
            case ATTR_NAME_LOOKUP -> {
                QName name = (QName) (control.getValue() != null ? control.getValue() : test.getValue());
                String attribute = name.getLocalPart();
                Element base = (Element) control.getTarget();
                Element current = (Element) test.getTarget();
                yield new Change(current, pathOf(current), attribute, valueOrNull(base, attribute),
                        valueOrNull(current, attribute));
            }
            case CHILD_LOOKUP -> {
                Node node = test.getTarget() != null ? test.getTarget() : control.getTarget();
                Element element = DriftEngine.ownerOf(node);
                yield new Change(element, pathOf(element), "", render(control.getTarget()), render(test.getTarget()));
            }
            default -> null;
        };
    }

    /** The top-level element a domain-level change sits in ("os", "cpu", "memory"), for the finding's device. */
    String topElement() {
        return path.isEmpty() ? "domain" : path.get(0);
    }

    /** "/domain/os/type/@machine": the field's path without positional indexes. */
    String xpath() {
        return "/domain" + xpathBelow(0);
    }

    /** The path below the first {@code depth} elements, e.g. "/target/@dev". */
    String xpathBelow(int depth) {
        StringBuilder xpath = new StringBuilder();
        for (String name : path.subList(depth, path.size())) {
            xpath.append('/').append(name);
        }
        return attribute.isEmpty() ? xpath.toString() : xpath + "/@" + attribute;
    }

    private static String valueOrNull(Element element, String attribute) {
        return element != null && element.hasAttribute(attribute) ? element.getAttribute(attribute) : null;
    }

    private static List<String> pathOf(Element element) {
        List<String> names = new ArrayList<>();
        for (Node n = element; n instanceof Element e && e.getParentNode() instanceof Element; n = n.getParentNode()) {
            names.add(e.getTagName());
        }
        Collections.reverse(names);
        return names;
    }

    /** A one-line rendering of an element that exists on one side only: its tag, attributes and text. */
    private static String render(Node node) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof Element e)) {
            return node.getNodeValue();
        }
        String attrs = Attributes.sorted(e);
        String text = e.getChildNodes().getLength() == 1 && e.getFirstChild().getNodeType() == Node.TEXT_NODE
                ? e.getTextContent() : null;
        return "<" + e.getTagName() + (attrs.isEmpty() ? "" : " " + attrs) + (text == null ? "/>" : ">" + text
                + "</" + e.getTagName() + ">");
    }
}
