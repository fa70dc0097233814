package org.abiguard.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.abiguard.AbiguardException;

/**
 * One replayer or pass writer per spool at a time: a {@link ReentrantLock} per spool directory among the
 * threads of this JVM (the daemon's event and audit passes), then an exclusive lock on
 * {@code spool/.lock} among processes (a timer audit beside the daemon). Blocks until free; the OS drops
 * the file lock if the process dies. Close to release. Thread-safe.
 */
public final class SpoolLock implements AutoCloseable {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private SpoolLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    static SpoolLock acquire(Path spoolDir) {
        Path dir = spoolDir.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
        threadLock.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(".lock"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(AtomicFiles.PRIVATE));
            return new SpoolLock(threadLock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            threadLock.unlock();
            throw new AbiguardException("cannot lock the spool " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            throw new AbiguardException("cannot release the spool lock: " + e.getMessage(), e);
        } finally {
            threadLock.unlock();
        }
    }
}
