package org.abiguard.libvirt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A QEMU save image with no memory stream, for {@link SaveImageJudge}: libvirt's 92-byte header (magic
 * {@code LibvirtQemudSave}; little-endian uint32 version 2, data_len, was_running 0, compressed 0, cookieOffset 0;
 * 14 uint32 zeros), then the XML, a NUL and zero padding up to data_len. The padding leaves room for the XML libvirt
 * writes back into the header when it accepts (otherwise "new xml too large to fit in file" would follow an accept).
 *
 * <p>Files live in a work directory only this process's user can enter (0700; they are 0600), so nobody can swap
 * one for a symlink between writing and libvirt rewriting it. One file per question: an accepted call rewrites it.
 * Thread-safe.
 */
final class SaveImageFile {
    static final byte[] MAGIC = "LibvirtQemudSave".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 92;
    private static final int VERSION = 2;
    /** Room beyond both XMLs for what libvirt adds when it formats the accepted definition (defaults, addresses). */
    private static final int SLACK_BYTES = 64 * 1024;

    private final Path workDir;

    SaveImageFile(Path workDir) {
        this.workDir = workDir;
    }

    Path write(String imageXml, String newXml) throws IOException {
        Files.createDirectories(workDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (!Files.getPosixFilePermissions(workDir).equals(PosixFilePermissions.fromString("rwx------"))) {
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
        }
        byte[] xml = imageXml.getBytes(StandardCharsets.UTF_8);
        int dataLen = Math.max(xml.length, newXml.length() * 4) + 1 + SLACK_BYTES;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(VERSION).putInt(dataLen).putInt(0).putInt(0).putInt(0);
        Path file = Files.createTempFile(workDir, "judge-", ".save"); // 0600
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            out.write(header.rewind());
            out.write(ByteBuffer.wrap(xml));
            out.write(ByteBuffer.allocate(dataLen - xml.length)); // the NUL and the padding
        } catch (IOException | RuntimeException e) {
            remove(file);
            throw e;
        }
        return file;
    }

    void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a 0600 file in a 0700 directory; the next open of the directory is not blocked by it
        }
    }
}
