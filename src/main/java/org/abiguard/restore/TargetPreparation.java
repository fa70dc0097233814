package org.abiguard.restore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.abiguard.AbiguardException;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.libvirt.LibvirtErrors;
import org.abiguard.libvirt.SafeXml;
import org.libvirt.CPUCompareResult;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks a target before an archived definition is defined there, and rewrites only host-side fields:
 * the machine type must be offered by the target's QEMU, a custom CPU of a KVM guest must be usable
 * there (libvirt's CPU comparison), the emulator must exist there (else the target's emulator for the
 * architecture is used), and every storage path must exist after {@code --map-path} rewriting (checked
 * when the target is this machine). Guest-visible fields are never touched.
 */
final class TargetPreparation {
    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    /** The definition to give the target, and the checks that decided it. */
    record Prepared(String xml, List<RestoreCheck> checks) {
        boolean ok() {
            return checks.stream().allMatch(RestoreCheck::ok);
        }
    }

    private TargetPreparation() {
    }

    static Prepared prepare(String archivedXml, LibvirtConnection target, List<PathMapping> mappings) {
        Document domain = SafeXml.parse(archivedXml, "the archived definition");
        Document caps = capabilities(target);
        String arch = text(domain, "/domain/os/type/@arch");
        List<RestoreCheck> checks = new ArrayList<>();
        checks.add(machineType(domain, caps, arch));
        checks.add(cpu(domain, target));
        checks.add(emulator(domain, caps, arch));
        checks.addAll(storage(domain, mappings, isLocal(target.uri())));
        return new Prepared(serialise(domain), checks);
    }

    private static RestoreCheck machineType(Document domain, Document caps, String arch) {
        String machine = text(domain, "/domain/os/type/@machine");
        Set<String> offered = new LinkedHashSet<>();
        NodeList machines = nodes(caps, "/capabilities/guest[arch/@name='" + arch + "']/arch//machine");
        for (int i = 0; i < machines.getLength(); i++) {
            Element m = (Element) machines.item(i);
            offered.add(m.getTextContent().trim());
            if (m.hasAttribute("canonical")) {
                offered.add(m.getAttribute("canonical"));
            }
        }
        return offered.contains(machine)
                ? RestoreCheck.pass("machine-type", machine + " is offered by the target's QEMU")
                : RestoreCheck.fail("machine-type", machine + " is not offered by the target's QEMU (" + arch
                        + ": " + offered.size() + " machine types, none of them " + machine + ")");
    }

    private static RestoreCheck cpu(Document domain, LibvirtConnection target) {
        Element cpu = (Element) nodes(domain, "/domain/cpu").item(0);
        if (cpu == null) {
            return RestoreCheck.pass("cpu", "no CPU element: the hypervisor's default CPU, as before");
        }
        String mode = cpu.getAttribute("mode").isEmpty() ? "custom" : cpu.getAttribute("mode");
        if (!mode.equals("custom")) {
            return RestoreCheck.pass("cpu", mode + ": expanded from the target's CPU at start; compare the live XML "
                    + "after start if the hosts' CPUs differ");
        }
        if (!"kvm".equals(domain.getDocumentElement().getAttribute("type"))) {
            return RestoreCheck.pass("cpu", "custom CPU of a TCG guest: emulated, usable on any host");
        }
        try {
            CPUCompareResult result = target.connect().compareCPU(serialise(cpu));
            return result == CPUCompareResult.VIR_CPU_COMPARE_INCOMPATIBLE
                    || result == CPUCompareResult.VIR_CPU_COMPARE_ERROR
                    ? RestoreCheck.fail("cpu", "libvirt says the target's CPU cannot run this CPU model (" + result + ")")
                    : RestoreCheck.pass("cpu", "usable on the target's CPU (" + result + ")");
        } catch (LibvirtException e) {
            return RestoreCheck.fail("cpu", "libvirt could not compare the CPU: " + LibvirtErrors.message(e));
        }
    }

    private static RestoreCheck emulator(Document domain, Document caps, String arch) {
        Element emulator = (Element) nodes(domain, "/domain/devices/emulator").item(0);
        String targetEmulator = text(caps, "/capabilities/guest[arch/@name='" + arch + "']/arch/emulator");
        if (emulator == null) {
            return RestoreCheck.pass("emulator", "none named: libvirt picks " + targetEmulator);
        }
        String archived = emulator.getTextContent().trim();
        NodeList offered = nodes(caps, "/capabilities/guest[arch/@name='" + arch + "']/arch//emulator");
        for (int i = 0; i < offered.getLength(); i++) {
            if (offered.item(i).getTextContent().trim().equals(archived)) {
                return RestoreCheck.pass("emulator", archived + " exists on the target");
            }
        }
        if (targetEmulator.isEmpty()) {
            return RestoreCheck.fail("emulator", "the target offers no emulator for " + arch);
        }
        emulator.setTextContent(targetEmulator);
        return RestoreCheck.pass("emulator", archived + " is not on the target: rewritten to " + targetEmulator
                + " (host-side)");
    }

    private static List<RestoreCheck> storage(Document domain, List<PathMapping> mappings, boolean local) {
        List<RestoreCheck> checks = new ArrayList<>();
        NodeList sources = nodes(domain, "/domain/devices/disk/source[@file or @dev] | /domain/os/nvram");
        for (int i = 0; i < sources.getLength(); i++) {
            Element source = (Element) sources.item(i);
            boolean nvram = source.getTagName().equals("nvram");
            String attr = source.hasAttribute("file") ? "file" : "dev";
            String path = nvram ? source.getTextContent().trim() : source.getAttribute(attr);
            String mapped = path;
            for (PathMapping m : mappings) {
                mapped = m.apply(mapped);
            }
            if (!mapped.equals(path)) {
                if (nvram) {
                    source.setTextContent(mapped);
                } else {
                    source.setAttribute(attr, mapped);
                }
            }
            String shown = mapped.equals(path) ? path : path + " → " + mapped;
            if (!local) {
                checks.add(RestoreCheck.pass("storage", shown + ": not checked (remote target)"));
            } else if (Files.exists(Path.of(mapped))) {
                checks.add(RestoreCheck.pass("storage", shown + " exists"));
            } else {
                checks.add(RestoreCheck.fail("storage", shown + " does not exist on the target (use --map-path OLD=NEW)"));
            }
        }
        return checks;
    }

    /** qemu:///system, qemu:///session and test:/// reach this machine; a URI with a host does not. */
    static boolean isLocal(String uri) {
        try {
            String host = URI.create(uri).getHost();
            return host == null || host.isEmpty() || host.equals("localhost");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Document capabilities(LibvirtConnection target) {
        try {
            return SafeXml.parse(target.connect().getCapabilities(), "the target's capabilities");
        } catch (LibvirtException e) {
            throw new AbiguardException("cannot read the capabilities of " + target.uri() + ": "
                    + LibvirtErrors.message(e), e);
        }
    }

    private static String text(Document doc, String xpath) {
        try {
            return XPATH.evaluate(xpath, doc).trim();
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(xpath, e);
        }
    }

    private static NodeList nodes(Document doc, String xpath) {
        try {
            return (NodeList) XPATH.evaluate(xpath, doc, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(xpath, e);
        }
    }

    static String serialise(org.w3c.dom.Node node) {
        return org.abiguard.libvirt.XmlText.of(node);
    }
}
