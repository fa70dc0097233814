package org.abiguard.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.reflect.Field;
import org.libvirt.Connect;
import org.libvirt.jna.CString;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.virError;

/**
 * The libvirt calls libvirt-java 0.5.2 does not bind, loaded from the same {@code libvirt.so.0} through JNA and
 * called on a connection's own pointer (libvirt-java's protected {@code vcp} field). Thread-safe: libvirt's
 * connections are; its last error is per thread, so read it ({@link #lastErrorMessage}) on the calling thread.
 */
final class NativeLibvirt {
    interface Virt extends Library {
        CString virConnectGetDomainCapabilities(ConnectionPointer conn, String emulatorbin, String arch, String machine,
                                                String virttype, int flags);

        /** 0 when libvirt took {@code dxml} as the same guest ABI as the image's XML; -1 with a last error otherwise. */
        int virDomainSaveImageDefineXML(ConnectionPointer conn, String file, String dxml, int flags);
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

    private NativeLibvirt() {
    }

    static Virt virt() {
        return Holder.VIRT;
    }

    static ConnectionPointer pointer(Connect connect) {
        try {
            return (ConnectionPointer) Holder.VCP.get(connect);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach libvirt-java's connection pointer", e);
        }
    }

    /** libvirt's last error on this thread as {@code code}: message, then reset; "unknown error" when none is set. */
    static Failure lastError() {
        virError error = org.libvirt.jna.Libvirt.INSTANCE.virGetLastError();
        if (error == null) {
            return new Failure(0, "unknown libvirt error");
        }
        Failure failure = new Failure(error.code, error.message == null ? "libvirt error " + error.code : error.message);
        org.libvirt.jna.Libvirt.INSTANCE.virResetLastError();
        return failure;
    }

    /** A libvirt error: its {@code virErrorNumber} and its message. */
    record Failure(int code, String message) {
        /** VIR_ERR_NO_SUPPORT: the connection's driver has no such call (not the QEMU driver). */
        boolean unsupported() {
            return code == 3;
        }
    }
}
