package org.abiguard.libvirt;

import org.abiguard.AbiguardException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * One open libvirt connection. Not thread-safe: use one per thread.
 * libvirt's default error handler prints every error to stderr; it is replaced once per JVM by a
 * silent one, since every failure surfaces as a {@link LibvirtException} we report ourselves.
 */
public final class LibvirtConnection implements AutoCloseable {
    private static volatile boolean errorsSilenced;

    private final String uri;
    private final Connect connect;
    private final boolean readOnly;

    private LibvirtConnection(String uri, Connect connect, boolean readOnly) {
        this.uri = uri;
        this.connect = connect;
        this.readOnly = readOnly;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** A read-write connection: restore (define) and demo only. */
    public static LibvirtConnection open(String uri) {
        return open(uri, false);
    }

    /**
     * A read-only connection (libvirt's read-only socket): what snapshot, audit and the daemon use, so nothing
     * that only observes can define, start or change a guest, however it is misused.
     */
    public static LibvirtConnection openReadOnly(String uri) {
        return open(uri, true);
    }

    private static LibvirtConnection open(String uri, boolean readOnly) {
        silenceDefaultErrorPrinter();
        try {
            return new LibvirtConnection(uri, new Connect(uri, readOnly), readOnly);
        } catch (LibvirtException e) {
            throw new AbiguardException("cannot connect to libvirt at " + uri + ": " + LibvirtErrors.message(e), e);
        } catch (UnsatisfiedLinkError e) {
            throw new AbiguardException("libvirt client library (libvirt.so.0) not found: install libvirt0", e);
        }
    }

    /**
     * libvirt keeps a C pointer to this JNA callback for the life of the process: a static final field holds
     * it strongly, so the garbage collector can never free what libvirt will call.
     */
    private static final org.libvirt.jna.Libvirt.VirErrorCallback SILENT_ERRORS = (userData, error) -> { };

    private static void silenceDefaultErrorPrinter() {
        if (errorsSilenced) {
            return;
        }
        synchronized (LibvirtConnection.class) {
            if (!errorsSilenced) {
                try {
                    Connect.setErrorCallback(SILENT_ERRORS);
                } catch (LibvirtException e) {
                    throw new AbiguardException("cannot install libvirt error handler: " + LibvirtErrors.message(e), e);
                }
                errorsSilenced = true;
            }
        }
    }

    public String uri() {
        return uri;
    }

    public Connect connect() {
        return connect;
    }

    @Override
    public void close() {
        try {
            connect.close();
        } catch (LibvirtException e) {
            // the connection is dead already; nothing to release
        }
    }
}
