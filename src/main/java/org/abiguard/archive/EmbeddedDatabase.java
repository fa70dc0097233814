package org.abiguard.archive;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.abiguard.AbiguardException;

/**
 * The zero-config archive: a real PostgreSQL (zonky's packaged binaries) whose data directory lives
 * under the state directory and survives runs. Started per process and stopped on close. One process
 * at a time per state directory: an exclusive lock on {@code STATE_DIR/embedded.lock}, waited for
 * {@link #LOCK_WAIT} before giving up with {@link DatabaseBusyException}. Locked down as
 * {@link EmbeddedLockdown} describes: password logins over loopback only, no Unix socket, private state.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    /** In the data directory once the postgres role has the secret as its password. */
    private static final String PASSWORD_MARKER = "abiguard-password-set";

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
            EmbeddedLockdown.privateStateDir(stateDir);
            channel = FileChannel.open(stateDir.resolve("embedded.lock"), Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(AtomicFiles.PRIVATE));
            Files.setPosixFilePermissions(stateDir.resolve("embedded.lock"), AtomicFiles.PRIVATE); // one from before
            FileLock lock = acquire(channel, stateDir);
            Files.createDirectories(dataDir);
            Path binaries = stateDir.resolve("embedded-pg");
            EmbeddedLockdown.requireTrustedBinaries(binaries);
            boolean freshSecret = !Files.exists(stateDir.resolve(EmbeddedLockdown.SECRET_FILE));
            String secret = EmbeddedLockdown.secret(stateDir);
            Files.createDirectories(binaries, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            EmbeddedPostgres postgres;
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(binaries.toFile())
                        .setRegisterShutdownHook(true)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("unix_socket_directories", "")
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .setConnectConfig("password", secret)
                        .setDataDirectoryCustomizer(dir -> authenticate(dir, binaries, secret, freshSecret))
                        .start();
            } finally {
                EmbeddedLockdown.closeBinaries(binaries);
            }
            return new EmbeddedDatabase(postgres, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel); // releases the lock: a refused start must not hold the state directory
            if (e instanceof AbiguardException refused) {
                throw refused;
            }
            throw new AbiguardException("cannot start the embedded PostgreSQL in " + dataDir + ": "
                    + AbiguardException.oneLine(e.getMessage()), e);
        }
    }

    /**
     * Before the server starts (zonky's customizer): the superuser's password is set offline when the secret is
     * new or the data directory has never had it (a new one, initialised with trust, or one from before), and
     * pg_hba.conf allows password logins only.
     */
    private static void authenticate(java.io.File dataDir, Path binaries, String secret, boolean freshSecret) {
        Path marker = dataDir.toPath().resolve(PASSWORD_MARKER);
        if (freshSecret || !Files.exists(marker)) {
            EmbeddedLockdown.setPasswordOffline(binaries, dataDir.toPath(), secret);
            AtomicFiles.write(marker, "the postgres role has the password in " + EmbeddedLockdown.SECRET_FILE + "\n",
                    AtomicFiles.PRIVATE);
        }
        EmbeddedLockdown.writeHba(dataDir);
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
