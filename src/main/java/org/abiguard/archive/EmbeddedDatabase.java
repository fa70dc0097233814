package org.abiguard.archive;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import javax.sql.DataSource;
import org.abiguard.AbiguardException;

/**
 * The zero-config archive: a real PostgreSQL (zonky's packaged binaries) whose data directory lives
 * under the state directory and survives runs. Started per process and stopped on close. One process
 * at a time per state directory: an exclusive lock on {@code STATE_DIR/embedded.lock}, waited for
 * {@link #LOCK_WAIT} before giving up with {@link DatabaseBusyException}.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static EmbeddedDatabase start(Path dataDir, Path stateDir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(stateDir.resolve("embedded.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = acquire(channel, stateDir);
            Path binaries = stateDir.resolve("embedded-pg");
            Files.createDirectories(binaries);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setRegisterShutdownHook(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            return new EmbeddedDatabase(postgres, channel, lock);
        } catch (IOException | IllegalStateException e) {
            closeQuietly(channel);
            throw new AbiguardException("cannot start the embedded PostgreSQL in " + dataDir + ": "
                    + AbiguardException.oneLine(e.getMessage()), e);
        }
    }

    private static FileLock acquire(FileChannel channel, Path stateDir) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM (another command run in-process)
            }
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                closeQuietly(channel);
                throw new DatabaseBusyException("the embedded database under " + stateDir + " is in use by another "
                        + "abiguard process (the daemon, or a run still going); use --db-url for concurrent runs");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + stateDir.resolve("embedded.lock"), e);
            }
        }
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }


    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
