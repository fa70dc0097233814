package org.abiguard.libvirt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
     * The last domain capabilities read per URI, with what they were read under. They depend on the QEMU binary
     * (its version), libvirt's version and the host CPU (in the capabilities): while none of these changes, a
     * pass reuses them instead of opening a read-write connection and asking QEMU again (the daemon passes on
     * every libvirt event). Thread-safe.
     */
    private static final Map<String, Cached> DOMAIN_CAPABILITIES = new ConcurrentHashMap<>();

    private record Cached(String key, Map<String, String> domainCapabilities) {
    }

    /** {@code virConnectGetCapabilities}; one call per pass, shared by the host facts and this. */
    public static String capabilitiesXml(LibvirtConnection connection) {
        try {
            return connection.connect().getCapabilities();
        } catch (LibvirtException e) {
            throw new org.abiguard.AbiguardException("cannot read the capabilities of " + connection.uri() + ": "
                    + LibvirtErrors.message(e), e);
        }
    }

    /**
     * With the domain capabilities. libvirt serves those only to read-write connections, so a read-only
     * {@code connection} (what every observing pass uses) gets a read-write one of its own for that one call,
     * closed at once, and only when the host changed since the last read in this process.
     */
    public static HostCapabilities read(LibvirtConnection connection, String capabilities, HostFacts facts) {
        String key = String.join("\n", facts.libvirtVersion(), facts.hypervisorVersion(), Sha256.hex(capabilities));
        Cached cached = DOMAIN_CAPABILITIES.get(connection.uri());
        if (cached != null && cached.key().equals(key)) {
            return new HostCapabilities(capabilities, cached.domainCapabilities());
        }
        Map<String, String> domainCapabilities;
        if (!connection.readOnly()) {
            domainCapabilities = DomainCapabilitiesReader.readAll(connection);
        } else {
            try (LibvirtConnection readWrite = LibvirtConnection.open(connection.uri())) {
                domainCapabilities = DomainCapabilitiesReader.readAll(readWrite);
            }
        }
        if (!domainCapabilities.isEmpty()) { // none at all is a failed read: asked again next pass
            DOMAIN_CAPABILITIES.put(connection.uri(), new Cached(key, Map.copyOf(domainCapabilities)));
        }
        return new HostCapabilities(capabilities, domainCapabilities);
    }

    /** Equal digests mean an unchanged host: no new row. */
    public String sha256() {
        StringBuilder canonical = new StringBuilder(capabilities);
        new TreeMap<>(domainCapabilities).forEach((type, xml) -> canonical.append('\0').append(type).append('\0').append(xml));
        return Sha256.hex(canonical.toString());
    }
}
