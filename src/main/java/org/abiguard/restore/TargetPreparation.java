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
 * {@link TargetChecks} (shared with preflight), then every storage path must exist after {@code --map-path}
 * rewriting (checked when the target is this machine). Guest-visible fields are never touched.
 */
final class TargetPreparation {
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
        List<RestoreCheck> checks = new ArrayList<>(TargetChecks.run(domain, TargetHost.of(target)));
        checks.addAll(storage(domain, mappings, isLocal(target.uri())));
        return new Prepared(serialise(domain), checks);
    }

    private static List<RestoreCheck> storage(Document domain, List<PathMapping> mappings, boolean local) {
        List<RestoreCheck> checks = new ArrayList<>();
        NodeList sources = DomXPath.nodes(domain, "/domain/devices/disk/source[@file or @dev] | /domain/os/nvram");
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
            } else if (attr.equals("dev") && !nvram && Files.exists(Path.of(mapped)) && !isBlockDevice(Path.of(mapped))) {
                // A disk of type block on a regular file or a directory is not what was archived.
                checks.add(RestoreCheck.fail("storage", shown + " exists but is not a block device"));
            } else if (Files.exists(Path.of(mapped))) {
                checks.add(RestoreCheck.pass("storage", shown + " exists"));
            } else {
                checks.add(RestoreCheck.fail("storage", shown + " does not exist on the target (use --map-path OLD=NEW)"));
            }
        }
        return checks;
    }

    /** S_IFBLK in the file's mode (Java has no direct test for a block device). */
    private static boolean isBlockDevice(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & 0170000) == 0060000;
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
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

    static String serialise(org.w3c.dom.Node node) {
        return org.abiguard.libvirt.XmlText.of(node);
    }
}
