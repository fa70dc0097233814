package org.abiguard.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.abiguard.AbiguardException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads {@link HostFacts} from a libvirt connection and the local kernel. Kernel release and boot id
 * are the local machine's: abiguard runs on the hypervisor it archives.
 */
public final class HostFactsReader {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Path OS_RELEASE = Path.of("/proc/sys/kernel/osrelease");

    private HostFactsReader() {
    }

    /** {@code capabilities}: the connection's {@link HostCapabilities#capabilitiesXml}, read once per pass. */
    public static HostFacts read(LibvirtConnection connection, String capabilities) {
        Connect connect = connection.connect();
        try {
            Document caps = SafeXml.parse(capabilities, "libvirt capabilities of " + connection.uri());
            XPath xpath = XPathFactory.newInstance().newXPath();
            return new HostFacts(
                    connection.uri(),
                    HostFacts.versionString(connect.getLibVersion()),
                    connect.getType(),
                    HostFacts.versionString(connect.getVersion()),
                    readProc(OS_RELEASE),
                    readProc(BOOT_ID),
                    text(xpath, caps, "/capabilities/host/cpu/model"),
                    text(xpath, caps, "/capabilities/host/cpu/vendor"),
                    machineTypes(xpath, caps));
        } catch (LibvirtException e) {
            throw new AbiguardException("cannot read host facts at " + connection.uri() + ": "
                    + LibvirtErrors.message(e), e);
        }
    }

    private static List<String> machineTypes(XPath xpath, Document caps) {
        try {
            NodeList machines = (NodeList) xpath.evaluate("/capabilities/guest[1]/arch/machine", caps,
                    XPathConstants.NODESET);
            List<String> types = new ArrayList<>();
            for (int i = 0; i < machines.getLength(); i++) {
                Element machine = (Element) machines.item(i);
                String name = machine.getTextContent().trim();
                String canonical = machine.getAttribute("canonical");
                types.add(canonical.isEmpty() ? name : name + "=" + canonical);
            }
            return types.stream().distinct().sorted().toList();
        } catch (XPathExpressionException e) {
            throw new IllegalStateException("constant XPath failed", e);
        }
    }

    private static Optional<String> text(XPath xpath, Document doc, String expression) {
        try {
            String value = xpath.evaluate(expression, doc).trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (XPathExpressionException e) {
            throw new IllegalStateException("constant XPath failed: " + expression, e);
        }
    }

    private static Optional<String> readProc(Path path) {
        try {
            return Optional.of(Files.readString(path).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
