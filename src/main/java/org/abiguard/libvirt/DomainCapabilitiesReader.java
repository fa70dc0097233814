package org.abiguard.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.jna.CString;
import org.libvirt.jna.ConnectionPointer;

/**
 * {@code virConnectGetDomainCapabilities}, which libvirt-java 0.5.2 does not bind: what the host's QEMU offers
 * guests of one virtualization type (CPU models usable here, the host-model expansion, device models). Called
 * through JNA on the connection's own pointer (libvirt-java's protected {@code vcp} field).
 */
public final class DomainCapabilitiesReader {
    /** The virtualization types asked for, in this order; a type the host cannot run is left out. */
    public static final List<String> VIRT_TYPES = List.of("kvm", "qemu");

    interface Virt extends Library {
        CString virConnectGetDomainCapabilities(ConnectionPointer conn, String emulatorbin, String arch, String machine,
                                                String virttype, int flags);
    }

    private static final class Holder {
        static final Virt VIRT = Native.load("virt", Virt.class);
        static final Field VCP = field();

        private static Field field() {
            try {
                Field f = Connect.class.getDeclaredField("vcp");
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("libvirt-java has no Connect.vcp: not the 0.5.2 this was written for", e);
            }
        }
    }

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
        try {
            ConnectionPointer pointer = (ConnectionPointer) Holder.VCP.get(connection.connect());
            CString xml = Holder.VIRT.virConnectGetDomainCapabilities(pointer, null, null, null, virtType, 0);
            if (xml == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(xml.toString());
            } finally {
                xml.free();
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach libvirt-java's connection pointer", e);
        }
    }
}
