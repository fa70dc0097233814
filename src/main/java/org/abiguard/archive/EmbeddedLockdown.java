package org.abiguard.archive;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.abiguard.AbiguardException;

/**
 * What keeps the embedded PostgreSQL from being a way to root for other local users. Its superuser has a
 * random password (SCRAM) kept in {@code STATE_DIR/embedded-pg.secret} (0600); pg_hba.conf, rewritten at every
 * start, allows only password logins over 127.0.0.1 and there is no Unix socket (none in /tmp for anyone to
 * reach); the state directory is 0700 and the unpacked binaries must be owned by this user and writable by
 * nobody else, or the server is not started. A data directory from before this (trust authentication) gets its
 * password in single-user mode, before the server listens at all.
 */
final class EmbeddedLockdown {
    static final String SECRET_FILE = "embedded-pg.secret";
    private static final String HBA = """
            # Written by abiguard at every start of the embedded PostgreSQL; edits are lost.
            # Password (SCRAM) logins over loopback only; there is no Unix socket.
            host all all 127.0.0.1/32 scram-sha-256
            """;

    private EmbeddedLockdown() {
    }

    /** The state directory, 0700 and owned by this user; created if missing. */
    static void privateStateDir(Path stateDir) throws IOException {
        Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        requireOwned(stateDir);
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
    }

    /** The superuser's password, created (256 random bits) on first use. */
    static String secret(Path stateDir) throws IOException {
        Path file = stateDir.resolve(SECRET_FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            AtomicFiles.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n", AtomicFiles.PRIVATE);
        }
        requireOwned(file);
        Files.setPosixFilePermissions(file, AtomicFiles.PRIVATE);
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** True for a data directory initialised before the secret existed (trust authentication). */
    static boolean needsPassword(Path dataDir, Path stateDir) {
        return Files.exists(dataDir.resolve("PG_VERSION")) && !Files.exists(stateDir.resolve(SECRET_FILE));
    }

    /** Refuses binaries another user owns or could have written: root would run them next. */
    static void requireTrustedBinaries(Path binaries) throws IOException {
        if (!Files.exists(binaries)) {
            return;
        }
        requireOwned(binaries);
        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> all = Files.walk(binaries)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                requireOwned(p);
                var mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                // A symbolic link's own mode means nothing; its target is walked as a file of its own.
                if (!p.equals(binaries) && !Files.isSymbolicLink(p) && (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE))) {
                    throw new AbiguardException(p + " is writable by other users; the embedded PostgreSQL is not started "
                            + "from it. Remove " + binaries + " (it is unpacked again) and look at who changed it");
                }
            }
        }
    }

    /** After zonky unpacked (it makes its working directory world-writable): private again. */
    static void closeBinaries(Path binaries) throws IOException {
        if (Files.exists(binaries)) {
            Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwx------"));
        }
    }

    static void writeHba(File dataDir) {
        try {
            AtomicFiles.write(dataDir.toPath().resolve("pg_hba.conf"), HBA, AtomicFiles.PRIVATE);
        } catch (RuntimeException e) {
            throw new AbiguardException("cannot write pg_hba.conf of the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Sets the superuser's password of a server that is not running, in single-user mode (no listener at all). */
    static void setPasswordOffline(Path binaries, Path dataDir, String password) {
        Path postgres = newestBinary(binaries).orElseThrow(() -> new AbiguardException(
                "no unpacked postgres binary under " + binaries + " to set the embedded database's password with"));
        try {
            List<String> command = new java.util.ArrayList<>();
            if (uid(Path.of("/proc/self")) == 0) {
                // PostgreSQL refuses uid 0; zonky runs it in a user namespace of its own, and so does this.
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(postgres.toString(), "--single", "-D", dataDir.toString(), "postgres"));
            Process single = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            single.getOutputStream().write(("alter role postgres password '" + password.replace("'", "''") + "';\n")
                    .getBytes(StandardCharsets.UTF_8));
            single.getOutputStream().close();
            if (!single.waitFor(60, TimeUnit.SECONDS) || single.exitValue() != 0) {
                single.destroyForcibly();
                throw new AbiguardException("could not set the embedded database's password (postgres --single exited "
                        + (single.isAlive() ? "late" : single.exitValue()) + ")");
            }
        } catch (IOException e) {
            throw new AbiguardException("could not set the embedded database's password: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbiguardException("interrupted while setting the embedded database's password", e);
        }
    }

    private static Optional<Path> newestBinary(Path binaries) {
        try (Stream<Path> dirs = Files.list(binaries)) {
            List<Path> candidates = dirs.map(d -> d.resolve("bin").resolve("postgres")).filter(Files::isExecutable).toList();
            return candidates.stream().max(Comparator.comparing(p -> p.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void requireOwned(Path path) throws IOException {
        int owner = uid(path);
        int self = uid(Path.of("/proc/self"));
        if (owner != self) {
            throw new AbiguardException(path + " is owned by uid " + owner + ", not by this user (uid " + self + "); "
                    + "abiguard does not use state another user could have written");
        }
    }

    private static int uid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
