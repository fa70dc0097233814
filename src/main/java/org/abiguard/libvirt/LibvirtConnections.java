package org.abiguard.libvirt;

import java.util.ArrayList;
import java.util.List;

/** The connections of one run, one per configured URI, closed together. Not thread-safe. */
public final class LibvirtConnections implements AutoCloseable {
    private final List<LibvirtConnection> connections;

    private LibvirtConnections(List<LibvirtConnection> connections) {
        this.connections = List.copyOf(connections);
    }

    /** Opens every URI read-only, or none: a failure closes those already open. */
    public static LibvirtConnections openAll(List<String> uris) {
        List<LibvirtConnection> opened = new ArrayList<>();
        try {
            for (String uri : uris) {
                opened.add(LibvirtConnection.openReadOnly(uri));
            }
            return new LibvirtConnections(opened);
        } catch (RuntimeException e) {
            opened.forEach(LibvirtConnection::close);
            throw e;
        }
    }

    public List<LibvirtConnection> all() {
        return connections;
    }

    @Override
    public void close() {
        connections.forEach(LibvirtConnection::close);
    }
}
