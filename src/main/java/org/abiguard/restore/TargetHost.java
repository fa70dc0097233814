package org.abiguard.restore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.libvirt.DomainCapabilitiesReader;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.libvirt.LibvirtErrors;
import org.abiguard.libvirt.SafeXml;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;

/**
 * What a target host offers guests, as {@link TargetChecks} judges it: libvirt's capabilities (machine types
 * and their aliases, emulators) and domain capabilities per virtualization type (usable CPU models, the
 * host-model expansion, device models). From a live connection (restore), from the archive's facts of another
 * host, or from {@code virsh capabilities}/{@code virsh domcapabilities} files (preflight).
 *
 * @param live the connection, when the target is reachable: lets the CPU check ask libvirt itself
 */
public record TargetHost(String description, TargetProfile profile, Optional<LibvirtConnection> live) {

    public static TargetHost of(LibvirtConnection connection) {
        try {
            Document caps = SafeXml.parse(connection.connect().getCapabilities(), "the target's capabilities");
            return new TargetHost(connection.uri(), TargetProfile.of(caps, parse(DomainCapabilitiesReader.readAll(connection))),
                    Optional.of(connection));
        } catch (LibvirtException e) {
            throw new AbiguardException("cannot read the capabilities of " + connection.uri() + ": "
                    + LibvirtErrors.message(e), e);
        }
    }

    /** From XML text: {@code domainCapabilities} by virtualization type ({@code virsh domcapabilities} output). */
    public static TargetHost of(String description, String capabilities, Map<String, String> domainCapabilities) {
        Document caps = SafeXml.parse(capabilities, "the capabilities of " + description);
        if (!caps.getDocumentElement().getTagName().equals("capabilities")) {
            throw new AbiguardException(description + " is not the output of virsh capabilities: the root element is <"
                    + caps.getDocumentElement().getTagName() + ">");
        }
        return new TargetHost(description, TargetProfile.of(caps, parse(domainCapabilities)), Optional.empty());
    }

    private static Map<String, Document> parse(Map<String, String> xml) {
        Map<String, Document> docs = new LinkedHashMap<>();
        xml.forEach((type, text) -> docs.put(type, SafeXml.parse(text, type + " domain capabilities")));
        return docs;
    }

    /** The virtualization type a {@code virsh domcapabilities} document describes ({@code <domain>}). */
    public static String virtTypeOf(String domainCapabilities) {
        Document doc = SafeXml.parse(domainCapabilities, "domain capabilities");
        if (!doc.getDocumentElement().getTagName().equals("domainCapabilities")) {
            throw new AbiguardException("not the output of virsh domcapabilities: the root element is <"
                    + doc.getDocumentElement().getTagName() + ">");
        }
        String type = doc.getElementsByTagName("domain").getLength() == 0 ? ""
                : doc.getElementsByTagName("domain").item(0).getTextContent().trim();
        if (type.isEmpty()) {
            throw new AbiguardException("the domain capabilities name no virtualization type (<domain>)");
        }
        return type;
    }
}
