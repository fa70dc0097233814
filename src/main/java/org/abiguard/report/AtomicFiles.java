package org.abiguard.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.abiguard.AbiguardException;

/**
 * Writes a file so that readers (a browser, node_exporter) see the old or the new content, never a
 * half-written one: a temporary file in the same directory, fsync'd, then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, String content) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            // Reports and metrics are read by others (a web server, node_exporter): rw-r--r--.
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AbiguardException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
