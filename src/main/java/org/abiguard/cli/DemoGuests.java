package org.abiguard.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.abiguard.AbiguardException;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.libvirt.LibvirtErrors;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The demo's guests on the local libvirt: {@code abiguard-demo-web} (root disk, config disk, balloon),
 * {@code abiguard-demo-db} (pinned to an older chipset) and {@code abiguard-demo-cache}; type='qemu',
 * 32 MiB, sparse 16 MiB disks under {@link #IMAGES}. Never started: the tour needs definitions only.
 */
final class DemoGuests {
    static final Path IMAGES = Path.of("/var/lib/libvirt/images/abiguard-demo");
    static final String WEB = "abiguard-demo-web";
    static final String DB = "abiguard-demo-db";
    static final String CACHE = "abiguard-demo-cache";
    static final List<String> ALL = List.of(WEB, DB, CACHE);
    private static final int AFFECT_CONFIG = 2;

    private final LibvirtConnection connection;

    DemoGuests(LibvirtConnection connection) {
        this.connection = connection;
    }

    Path disk(String name) {
        Path file = IMAGES.resolve(name + ".img");
        try {
            Files.createDirectories(IMAGES);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(16L * 1024 * 1024);
            }
            return file;
        } catch (IOException e) {
            throw new AbiguardException("cannot create demo disk " + file + ": " + e.getMessage(), e);
        }
    }

    /** A definition like the ones Nova writes: disks in the order given, no addresses (libvirt assigns them). */
    /** A disk of a demo definition: its file and its target name. */
    record Disk(Object file, String target) {
    }

    /** Definitions pin the NIC's MAC, as Nova does, so regeneration changes only what libvirt assigns. */
    static String xml(String name, String uuid, String machine, List<Disk> disks) {
        StringBuilder devices = new StringBuilder();
        for (Disk d : disks) {
            devices.append("<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='")
                    .append(d.file()).append("'/><target dev='").append(d.target()).append("' bus='virtio'/></disk>");
        }
        return "<domain type='qemu'><name>" + name + "</name>" + (uuid == null ? "" : "<uuid>" + uuid + "</uuid>")
                + "<memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='" + machine
                + "'>hvm</type></os><devices>" + devices + "<interface type='user'><mac address='" + mac(name)
                + "'/><model type='virtio'/></interface>"
                + "<memballoon model='virtio'/></devices></domain>";
    }

    /** A stable locally administered MAC per demo guest. */
    private static String mac(String name) {
        return String.format("52:54:00:de:%02x:%02x", ALL.indexOf(name) & 0xff, name.length() & 0xff);
    }

    Domain define(String xml) {
        try {
            return connection.connect().domainDefineXML(xml);
        } catch (LibvirtException e) {
            throw new AbiguardException("cannot define a demo guest: " + LibvirtErrors.message(e), e);
        }
    }

    void attachConfigDisk(Domain domain, Path file, String target) {
        try {
            domain.attachDeviceFlags("<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='"
                    + file + "'/><target dev='" + target + "' bus='virtio'/></disk>", AFFECT_CONFIG);
        } catch (LibvirtException e) {
            throw new AbiguardException("cannot attach the demo volume: " + LibvirtErrors.message(e), e);
        }
    }

    /** Undefines a demo guest (destroying it first if someone started it); true when there was one. */
    boolean remove(String name) {
        try {
            Domain domain = connection.connect().domainLookupByName(name);
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            return true;
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                return false;
            }
            throw new AbiguardException("cannot remove demo guest " + name + ": " + LibvirtErrors.message(e), e);
        }
    }

    static void removeDisks() {
        try (var files = Files.list(IMAGES)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(IMAGES);
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing to remove
        } catch (IOException e) {
            throw new AbiguardException("cannot remove " + IMAGES + ": " + e.getMessage(), e);
        }
    }
}
