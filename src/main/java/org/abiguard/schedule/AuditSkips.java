package org.abiguard.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.abiguard.archive.AtomicFiles;

/**
 * Consecutive audits of this host skipped because another one held it, in {@code STATE_DIR/audit-skips}
 * (0600). A skip is normal once (a slow run, the daemon beside the timer); a skip every time means something
 * holds the host for good (a hung run, or another host taking this host's lock), so {@code audit} turns it into
 * an error after {@code --max-skips}. A completed audit resets the count. Not thread-safe (one audit at a time).
 */
public final class AuditSkips {
    private final Path file;

    public AuditSkips(Path stateDir) {
        this.file = stateDir.resolve("audit-skips");
    }

    /** Records one more skip; returns how many in a row. */
    public int skipped() {
        int count = count() + 1;
        AtomicFiles.write(file, Integer.toString(count), AtomicFiles.PRIVATE);
        return count;
    }

    public void completed() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // counted again next time; the next completed audit retries
        }
    }

    int count() {
        try {
            return Files.isRegularFile(file) ? Integer.parseInt(Files.readString(file).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
