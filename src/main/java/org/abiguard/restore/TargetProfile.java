package org.abiguard.restore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.abiguard.drift.DomainDocument;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A target's capabilities reduced once to what the checks look up, so judging a guest costs map lookups, not
 * XPath over documents of hundreds of kilobytes (JAXP rebuilds its model of a document per evaluation).
 * Immutable.
 *
 * @param machines  per architecture: every machine type offered, aliases and canonical names
 * @param aliases   per architecture: alias to canonical machine type (pc to pc-i440fx-7.2)
 * @param emulators per architecture: the emulators offered, the default first
 * @param domains   per virtualization type: what its domain capabilities say
 */
public record TargetProfile(Map<String, Set<String>> machines, Map<String, Map<String, String>> aliases,
                            Map<String, List<String>> emulators, Map<String, DomainProfile> domains) {

    /** A CPU model with its features as "policy name", comparable across hosts. */
    public record CpuExpansion(String model, Set<String> features) {
    }

    /**
     * One virtualization type's domain capabilities: custom CPU models and whether they are usable, the host-model
     * expansion, and per device kind whether it is supported and its enumerated values.
     */
    public record DomainProfile(Map<String, Boolean> cpuModels, Optional<CpuExpansion> hostModel,
                                Map<String, DeviceKind> devices) {
    }

    public record DeviceKind(boolean supported, Map<String, Set<String>> enums) {
    }

    static TargetProfile of(Document capabilities, Map<String, Document> domainCapabilities) {
        Map<String, Set<String>> machines = new LinkedHashMap<>();
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        Map<String, List<String>> emulators = new LinkedHashMap<>();
        for (Element guest : DomainDocument.children(capabilities.getDocumentElement(), "guest")) {
            for (Element arch : DomainDocument.children(guest, "arch")) {
                String name = arch.getAttribute("name");
                Set<String> offered = machines.computeIfAbsent(name, k -> new LinkedHashSet<>());
                Map<String, String> archAliases = aliases.computeIfAbsent(name, k -> new LinkedHashMap<>());
                List<String> archEmulators = emulators.computeIfAbsent(name, k -> new ArrayList<>());
                var all = arch.getElementsByTagName("*");
                for (int i = 0; i < all.getLength(); i++) {
                    Element e = (Element) all.item(i);
                    String text = e.getTextContent().trim();
                    if (e.getTagName().equals("machine")) {
                        offered.add(text);
                        if (e.hasAttribute("canonical")) {
                            offered.add(e.getAttribute("canonical"));
                            archAliases.putIfAbsent(text, e.getAttribute("canonical"));
                        }
                    } else if (e.getTagName().equals("emulator") && !archEmulators.contains(text)) {
                        archEmulators.add(text);
                    }
                }
            }
        }
        Map<String, DomainProfile> domains = new LinkedHashMap<>();
        domainCapabilities.forEach((type, doc) -> domains.put(type, domainProfile(doc)));
        return new TargetProfile(machines, aliases, emulators, domains);
    }

    private static DomainProfile domainProfile(Document doc) {
        Map<String, Boolean> models = new LinkedHashMap<>();
        Optional<CpuExpansion> hostModel = Optional.empty();
        for (Element cpu : DomainDocument.children(doc.getDocumentElement(), "cpu")) {
            for (Element mode : DomainDocument.children(cpu, "mode")) {
                if (mode.getAttribute("name").equals("custom")) {
                    DomainDocument.children(mode, "model").forEach(m -> models.put(m.getTextContent().trim(), m.getAttribute("usable").equals("yes")));
                } else if (mode.getAttribute("name").equals("host-model")) {
                    hostModel = expansion(mode);
                }
            }
        }
        Map<String, DeviceKind> devices = new LinkedHashMap<>();
        for (Element list : DomainDocument.children(doc.getDocumentElement(), "devices")) {
            for (Element kind : DomainDocument.children(list, null)) {
                Map<String, Set<String>> enums = new LinkedHashMap<>();
                for (Element e : DomainDocument.children(kind, "enum")) {
                    Set<String> values = new LinkedHashSet<>();
                    DomainDocument.children(e, "value").forEach(v -> values.add(v.getTextContent().trim()));
                    enums.put(e.getAttribute("name"), values);
                }
                devices.put(kind.getTagName(), new DeviceKind(!kind.getAttribute("supported").equals("no"), enums));
            }
        }
        return new DomainProfile(models, hostModel, devices);
    }

    /** A {@code <cpu>} or host-model {@code <mode>} element's model and features; empty without a model. */
    public static Optional<CpuExpansion> expansion(Element cpu) {
        List<Element> model = DomainDocument.children(cpu, "model");
        if (model.isEmpty()) {
            return Optional.empty();
        }
        Set<String> features = new java.util.TreeSet<>();
        for (Element f : DomainDocument.children(cpu, "feature")) {
            features.add((f.getAttribute("policy").isEmpty() ? "require" : f.getAttribute("policy")) + " " + f.getAttribute("name"));
        }
        return Optional.of(new CpuExpansion(model.get(0).getTextContent().trim(), features));
    }
}
