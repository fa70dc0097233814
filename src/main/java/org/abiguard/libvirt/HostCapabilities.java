package org.abiguard.libvirt;

import java.util.Map;
import java.util.TreeMap;
import org.abiguard.Sha256;
import org.libvirt.LibvirtException;

/**
 * What preflight needs of a host, as libvirt returns it: {@code virConnectGetCapabilities} (machine types with
 * their aliases' canonical names, emulators) and {@code virConnectGetDomainCapabilities} per virtualization type
 * (usable CPU models, the host-model expansion, device models). Archived only when it changes.
 *
 * @param domainCapabilities XML by virtualization type ("kvm", "qemu"), sorted
 */
public record HostCapabilities(String capabilities, Map<String, String> domainCapabilities) {
    public HostCapabilities {
        domainCapabilities = Map.copyOf(domainCapabilities);
    }

    /**
     * Reads both. libvirt serves domain capabilities only to read-write connections, so a read-only
     * {@code connection} (what every observing pass uses) gets a read-write one of its own for that one call,
     * closed at once.
     */
    public static HostCapabilities read(LibvirtConnection connection) {
        try {
            String capabilities = connection.connect().getCapabilities();
            if (!connection.readOnly()) {
                return new HostCapabilities(capabilities, DomainCapabilitiesReader.readAll(connection));
            }
            try (LibvirtConnection readWrite = LibvirtConnection.open(connection.uri())) {
                return new HostCapabilities(capabilities, DomainCapabilitiesReader.readAll(readWrite));
            }
        } catch (LibvirtException e) {
            throw new org.abiguard.AbiguardException("cannot read the capabilities of " + connection.uri() + ": "
                    + LibvirtErrors.message(e), e);
        }
    }

    /** Equal digests mean an unchanged host: no new row. */
    public String sha256() {
        StringBuilder canonical = new StringBuilder(capabilities);
        new TreeMap<>(domainCapabilities).forEach((type, xml) -> canonical.append('\0').append(type).append('\0').append(xml));
        return Sha256.hex(canonical.toString());
    }
}
