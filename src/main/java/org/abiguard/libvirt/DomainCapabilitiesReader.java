package org.abiguard.libvirt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.jna.CString;

/**
 * {@code virConnectGetDomainCapabilities}, which libvirt-java 0.5.2 does not bind: what the host's QEMU offers
 * guests of one virtualization type (CPU models usable here, the host-model expansion, device models), through
 * {@link NativeLibvirt}.
 */
public final class DomainCapabilitiesReader {
    /** The virtualization types asked for, in this order; a type the host cannot run is left out. */
    public static final List<String> VIRT_TYPES = List.of("kvm", "qemu");

    private DomainCapabilitiesReader() {
    }

    /** The domain capabilities per virtualization type, for the host's default emulator and machine. */
    public static Map<String, String> readAll(LibvirtConnection connection) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String type : VIRT_TYPES) {
            read(connection, type).ifPresent(xml -> all.put(type, xml));
        }
        return all;
    }

    /** Empty when the host cannot run {@code virtType} guests (no /dev/kvm for "kvm"). */
    public static Optional<String> read(LibvirtConnection connection, String virtType) {
        CString xml = NativeLibvirt.virt().virConnectGetDomainCapabilities(NativeLibvirt.pointer(connection.connect()),
                null, null, null, virtType, 0);
        if (xml == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(xml.toString());
        } finally {
            xml.free();
        }
    }
}
