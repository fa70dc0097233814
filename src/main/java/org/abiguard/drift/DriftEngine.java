package org.abiguard.drift;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Comparison;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.ComparisonType;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.Difference;
import org.xmlunit.diff.DifferenceEvaluator;
import org.xmlunit.diff.DifferenceEvaluators;
import org.xmlunit.diff.ElementSelector;
import org.xmlunit.diff.ElementSelectors;

/**
 * Says what a guest would see differently between a baseline and a current domain XML, and what
 * only the host sees. Devices are paired by identity ({@link DeviceMatcher}); XMLUnit then compares
 * the two documents with that pairing, element order ignored (libvirt sorts disks itself; order
 * that matters is derived from addresses by {@link DeviceOrder}). Each difference gets exactly one
 * category ({@link FieldRules}). Thread-safe: every call works on its own documents.
 */
public final class DriftEngine {
    private static final ElementSelector KEYED = ElementSelectors.conditionalBuilder()
            .whenElementIsNamed("feature").thenUse(ElementSelectors.byNameAndAttributes("name"))
            .whenElementIsNamed("timer").thenUse(ElementSelectors.byNameAndAttributes("name"))
            .whenElementIsNamed("entry").thenUse(ElementSelectors.byNameAndAttributes("name"))
            .whenElementIsNamed("cell").thenUse(ElementSelectors.byNameAndAttributes("id"))
            .elseUse(ElementSelectors.byName)
            .build();

    /**
     * Handed to XMLUnit so it does not configure a new parser factory per compare (a third of a compare's
     * time). Never used to parse: both inputs are DOM nodes already.
     */
    private static final javax.xml.parsers.DocumentBuilderFactory UNUSED_FACTORY =
            javax.xml.parsers.DocumentBuilderFactory.newInstance();

    private DriftEngine() {
    }

    /** Compares two domain XML texts; identical texts short-circuit without parsing. */
    public static List<Finding> compare(String baseXml, String currentXml) {
        if (baseXml.equals(currentXml)) {
            return List.of();
        }
        return compare(DomainDocument.parse(baseXml, "baseline XML"), DomainDocument.parse(currentXml, "current XML"));
    }

    /**
     * What the next cold boot of a running guest changes: its live XML against its inactive definition,
     * guest-visible findings only. The CPU is left out: the live CPU is libvirt's expansion of the defined
     * one at start (check='full', model features), not a difference the definition carries.
     */
    public static List<Finding> comparePending(String liveXml, String inactiveXml) {
        DomainDocument live = DomainDocument.parse(liveXml, "live XML").withoutElement("cpu");
        DomainDocument inactive = DomainDocument.parse(inactiveXml, "inactive XML").withoutElement("cpu");
        return compare(live, inactive).stream().filter(Finding::guestVisible).toList();
    }

    public static List<Finding> compare(DomainDocument base, DomainDocument current) {
        List<Device> baseDevices = Device.of(base);
        List<Device> currentDevices = Device.of(current);
        Map<Device, Device> pairs = DeviceMatcher.match(baseDevices, currentDevices);
        Map<Node, Device> deviceOf = new IdentityHashMap<>();
        Map<Node, Node> pairedElement = new IdentityHashMap<>();
        baseDevices.forEach(d -> deviceOf.put(d.element(), d));
        currentDevices.forEach(d -> deviceOf.put(d.element(), d));
        pairs.forEach((b, c) -> pairedElement.put(b.element(), c.element()));

        ElementSelector selector = (control, test) -> deviceOf.containsKey(control) || deviceOf.containsKey(test)
                ? pairedElement.get(control) == test
                : KEYED.canBeCompared(control, test);
        Diff diff = DiffBuilder.compare(Input.fromNode(base.document()))
                .withTest(Input.fromNode(current.document()))
                .withDocumentBuilderFactory(UNUSED_FACTORY)
                .withNodeMatcher(new DefaultNodeMatcher(selector))
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default, IGNORED))
                .checkForSimilar()
                .build();

        Map<String, Finding> findings = new LinkedHashMap<>();
        for (Difference difference : diff.getDifferences()) {
            classify(difference.getComparison(), deviceOf, pairs, findings);
        }
        int highestPciIndex = currentDevices.stream().mapToInt(DriftEngine::pciIndex).max().orElse(-1);
        for (Device removed : unpaired(baseDevices, pairs.keySet())) {
            if (pciIndex(removed) >= 0 && pciIndex(removed) < highestPciIndex) {
                continue; // libvirt re-creates a PCI controller for every index below the highest (oracle: lin-root-port-gap)
            }
            add(findings, Finding.of(Category.DEVICE_REMOVED, removed.description(), removed.xpath(),
                    removed.description(), null));
        }
        for (Device added : unpaired(currentDevices, pairs.values())) {
            add(findings, Finding.of(added.kind().equals("graphics") || added.kind().equals("audio")
                    ? Category.HOST_CONFIG : Category.DEVICE_ADDED, added.description(), added.xpath(), null,
                    added.description()));
        }
        DeviceOrder.findings(pairs).forEach(f -> add(findings, f));
        XmlPositions.devices(baseDevices, currentDevices, pairs).forEach(f -> add(findings, f));
        XmlPositions.timers(base.root(), current.root()).forEach(f -> add(findings, f));
        return List.copyOf(findings.values());
    }

    /** Structural noise: order is derived from addresses, counts are covered by lookups. */
    private static final DifferenceEvaluator IGNORED = (comparison, outcome) -> switch (comparison.getType()) {
        case CHILD_NODELIST_SEQUENCE, CHILD_NODELIST_LENGTH, ELEMENT_NUM_ATTRIBUTES, NAMESPACE_PREFIX,
                XML_VERSION, XML_STANDALONE, XML_ENCODING, HAS_DOCTYPE_DECLARATION, DOCTYPE_NAME,
                DOCTYPE_PUBLIC_ID, DOCTYPE_SYSTEM_ID, SCHEMA_LOCATION, NO_NAMESPACE_SCHEMA_LOCATION,
                PROCESSING_INSTRUCTION_TARGET, PROCESSING_INSTRUCTION_DATA, ATTR_VALUE_EXPLICITLY_SPECIFIED -> ComparisonResult.EQUAL;
        default -> outcome;
    };

    /** The index of a PCI controller; -1 for any other device (or an index libvirt would refuse). */
    private static int pciIndex(Device d) {
        if (!d.kind().equals("controller") || !"pci".equals(d.element().getAttribute("type"))) {
            return -1;
        }
        try {
            return Integer.parseInt(d.element().getAttribute("index"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<Device> unpaired(List<Device> devices, java.util.Collection<Device> paired) {
        Map<Device, Boolean> seen = new IdentityHashMap<>();
        paired.forEach(d -> seen.put(d, true));
        List<Device> rest = new ArrayList<>();
        for (Device d : devices) {
            if (!seen.containsKey(d) && !d.isPlaceholder() && !d.isImplicitDefault()) {
                rest.add(d);
            }
        }
        return rest;
    }

    private static void classify(Comparison comparison, Map<Node, Device> deviceOf, Map<Device, Device> pairs,
                                 Map<String, Finding> findings) {
        Comparison.Detail control = comparison.getControlDetails();
        Comparison.Detail test = comparison.getTestDetails();
        Node node = test.getTarget() != null ? test.getTarget() : control.getTarget();
        if (node == null) {
            return;
        }
        Change change = Change.of(comparison.getType(), control, test);
        if (change == null) {
            return;
        }
        Element holder = change.element();
        if (deviceOf.containsKey(holder) && comparison.getType() == ComparisonType.CHILD_LOOKUP) {
            return; // a whole device on one side only: reported from the pairing
        }
        DeviceContext context = DeviceContext.of(holder, deviceOf);
        if (context == null && change.path().equals(List.of("cpu")) && change.attribute().equals("check")
                && (change.before() == null || change.after() == null)) {
            return; // an unwritten CPU check is filled in by libvirt from the running definition (oracle: win-cpu-check-dropped)
        }
        if (context == null) {
            Rule rule = FieldRules.domainField(change.path(), change.attribute());
            add(findings, Finding.of(rule, change.topElement(), change.xpath(), change.before(), change.after()));
            return;
        }
        Device device = context.device();
        Device baseDevice = pairs.containsKey(device) ? device : keyOf(pairs, device);
        Device currentDevice = pairs.getOrDefault(baseDevice, device);
        List<String> relative = change.path().subList(context.depth(), change.path().size());
        String addressType = currentDevice.address().or(baseDevice::address).map(DeviceAddress::type).orElse("");
        Rule rule = FieldRules.deviceField(device.kind(), currentDevice.element().getAttribute("model"), relative,
                change.attribute(), addressType);
        String before = baseDevice.address().map(DeviceAddress::text).orElse(null);
        String after = currentDevice.address().map(DeviceAddress::text).orElse(null);
        if (rule.category() == Category.DEVICE_ADDRESS && relative.size() == 1 && !java.util.Objects.equals(before, after)) {
            add(findings, Finding.of(rule, currentDevice.description(), currentDevice.xpath() + "/address", before, after));
            return;
        }
        String xpath = currentDevice.xpath() + change.xpathBelow(context.depth());
        add(findings, Finding.of(rule, currentDevice.description(), xpath, change.before(), change.after()));
    }

    private static Device keyOf(Map<Device, Device> pairs, Device current) {
        for (Map.Entry<Device, Device> e : pairs.entrySet()) {
            if (e.getValue() == current) {
                return e.getKey();
            }
        }
        return current;
    }

    private static void add(Map<String, Finding> findings, Finding finding) {
        findings.putIfAbsent(finding.category().label() + "|" + finding.device() + "|" + finding.xpath(), finding);
    }

    /** Attributes are compared via their owner element. */
    static Element ownerOf(Node node) {
        if (node instanceof Attr attr) {
            return attr.getOwnerElement();
        }
        return node instanceof Element e ? e : (Element) node.getParentNode();
    }
}
