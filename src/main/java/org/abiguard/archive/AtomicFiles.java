package org.abiguard.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import org.abiguard.AbiguardException;

/**
 * Writes a file so that readers (a replay, a browser, node_exporter) see the old content or the whole new
 * content, never a part: a temporary file in the same directory written to the last byte (a short write is
 * retried, a full disk is an error), its size checked, fsync'd, renamed over the target, and the directory
 * fsync'd. On any failure the temporary file is removed and the target is untouched. Permissions are set
 * explicitly, whatever the umask. Thread-safe (each call has its own temporary file).
 */
public final class AtomicFiles {
    /** Owner only: spool entries, caches, secrets. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** Owner writes, group reads: reports and metrics read by a web server or node_exporter in the group. */
    public static final Set<PosixFilePermission> GROUP_READABLE = PosixFilePermissions.fromString("rw-r-----");

    private AtomicFiles() {
    }

    public static void write(Path target, String content, Set<PosixFilePermission> permissions) {
        write(target, content.getBytes(StandardCharsets.UTF_8), permissions);
    }

    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(permissions))) {
                Files.setPosixFilePermissions(temp, permissions); // the umask may have narrowed the creation mode
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
                if (channel.size() != content.length) {
                    throw new IOException("wrote " + channel.size() + " of " + content.length + " bytes");
                }
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw new AbiguardException("cannot write " + target + ": temporary file " + temp + " exists", e);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new AbiguardException("cannot write " + target + ": " + e.getMessage()
                    + " (nothing written; the previous content is intact)", e);
        }
    }
}
