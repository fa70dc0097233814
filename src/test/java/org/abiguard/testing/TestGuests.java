package org.abiguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.abiguard.libvirt.LibvirtConnection;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Guests on the local libvirtd (qemu:///system) for one test class: type='qemu' (TCG), raw 16 MiB
 * disk files, names prefixed so they never collide with real guests. {@link #close()} destroys and
 * undefines every guest whose name starts with the prefix, and removes the disk files.
 */
public final class TestGuests implements AutoCloseable {
    public static final String URI = "qemu:///system";
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images/abiguard-test");

    private final String prefix;
    private LibvirtConnection connection;
    private final List<Path> files = new ArrayList<>();

    private TestGuests(String prefix) {
        this.prefix = prefix;
        this.connection = LibvirtConnection.open(URI);
    }

    public static TestGuests create(String purpose) {
        return new TestGuests("abiguard-t-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 6) + "-");
    }

    public String name(String suffix) {
        return prefix + suffix;
    }

    public LibvirtConnection connection() {
        return connection;
    }

    /** A fresh connection for the rest of the test, after a test restarted or killed libvirtd. */
    public void reconnect() {
        connection.close();
        connection = LibvirtConnection.open(URI);
    }

    /** A new raw disk file of 16 MiB; removed on close. */
    public Path disk(String suffix) {
        try {
            Files.createDirectories(IMAGES);
            Path file = IMAGES.resolve(prefix + suffix + ".img");
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(0);
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {0}), 16L * 1024 * 1024 - 1);
            }
            files.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defines a guest with ACPI (PCI hotplug needs it), a root disk, a second disk, a user-mode NIC, VNC and a balloon. */
    public Domain defineStandard(String suffix) {
        return define(standardXml(name(suffix), disk(suffix + "-root"), disk(suffix + "-cfg")));
    }

    public Domain define(String xml) {
        try {
            return connection.connect().domainDefineXML(xml);
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot define test guest: " + e.getMessage(), e);
        }
    }

    public Domain lookup(String fullName) {
        try {
            return connection.connect().domainLookupByName(fullName);
        } catch (LibvirtException e) {
            throw new IllegalStateException("no test guest " + fullName, e);
        }
    }

    public static String standardXml(String name, Path root, Path second) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>32</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <features><acpi/></features>
                  <devices>
                    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='%s'/><target dev='vda' bus='virtio'/></disk>
                    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='%s'/><target dev='vdb' bus='virtio'/></disk>
                    <interface type='user'><model type='virtio'/></interface>
                    <graphics type='vnc' autoport='yes'/>
                    <memballoon model='virtio'/>
                  </devices>
                </domain>
                """.formatted(escape(name), root, second);
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }

    /** Cleans up over a fresh connection: a test may have restarted libvirtd under the old one. */
    @Override
    public void close() {
        connection.close();
        try (LibvirtConnection cleanup = LibvirtConnection.open(URI)) {
            for (int id : cleanup.connect().listDomains()) {
                Domain d = cleanup.connect().domainLookupByID(id);
                if (d.getName().startsWith(prefix)) {
                    d.destroy();
                }
            }
            for (String name : cleanup.connect().listDefinedDomains()) {
                if (name.startsWith(prefix)) {
                    cleanup.connect().domainLookupByName(name).undefine(4); // VIR_DOMAIN_UNDEFINE_NVRAM: UEFI guests too
                }
            }
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot clean up test guests " + prefix + "*", e);
        } finally {
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // left for the next run's cleanup; the name is unique
                }
            }
        }
    }
}
