package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.archive.Database;
import org.abiguard.config.Config;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL is not a way to root: another local user (nobody) can neither log in to it nor read
 * its secret nor plant a binary that root would run next, and a data directory from before (trust
 * authentication) is locked down on its next start.
 */
class EmbeddedLockdownTest {
    @TempDir
    Path parent;
    private Path stateDir;
    private Config config;

    @BeforeEach
    void traversableParent() throws IOException {
        // Only the state directory's own protection may keep nobody out, not a private temporary parent.
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        stateDir = parent.resolve("state");
        config = new Config(Optional.empty(), Optional.empty(), Optional.empty(), List.of(TestGuests.URI), "hv-embedded",
                stateDir, Optional.empty());
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private static Run asNobody(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "env", "-i", "PATH=/usr/bin:/bin"));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    private int port() throws IOException {
        return Integer.parseInt(Files.readAllLines(stateDir.resolve("pgdata/postmaster.pid")).get(3).trim());
    }

    private Run psql(int port, Optional<String> password, boolean nobody) throws Exception {
        List<String> command = new ArrayList<>(List.of("env"));
        password.ifPresent(p -> command.add("PGPASSWORD=" + p));
        command.addAll(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres",
                "-w", "-tAc", "select 1"));
        return nobody ? asNobody(command.subList(1, command.size()).toArray(String[]::new))
                : run(command.toArray(String[]::new));
    }

    private void assertLockedDown() throws Exception {
        int port = port();
        Run noPassword = psql(port, Optional.empty(), true);
        assertNotEquals(0, noPassword.exit(), noPassword.output());
        assertTrue(noPassword.output().contains("password"), noPassword.output());
        Run guessed = psql(port, Optional.of("postgres"), true);
        assertNotEquals(0, guessed.exit(), guessed.output());
        assertTrue(guessed.output().contains("password authentication failed"), guessed.output());
        assertFalse(Files.exists(Path.of("/tmp/.s.PGSQL." + port)), "no Unix socket in /tmp");

        Path secret = stateDir.resolve("embedded-pg.secret");
        assertNotEquals(0, asNobody("cat", secret.toString()).exit());
        assertNotEquals(0, asNobody("touch", stateDir.resolve("embedded-pg").resolve("planted").toString()).exit());
        assertNotEquals(0, asNobody("ls", stateDir.toString()).exit());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("embedded-pg"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));

        Run owner = psql(port, Optional.of(Files.readString(secret).strip()), false);
        assertEquals(0, owner.exit(), owner.output());
        assertEquals("1", owner.output().strip());
    }

    @Test
    void anotherLocalUserCannotConnectNorPlantABinary() throws Exception {
        try (Database database = Database.open(config)) {
            assertLockedDown();
        }
        // A binary another user planted (or could have replaced) is never run.
        Path bin = Files.list(stateDir.resolve("embedded-pg")).filter(Files::isDirectory).findFirst().orElseThrow()
                .resolve("bin");
        Path planted = bin.resolve("pg_ctl.planted");
        Files.writeString(planted, "#!/bin/sh\n");
        assertEquals(0, run("chown", "nobody", planted.toString()).exit());
        AbiguardException refused = assertThrows(AbiguardException.class, () -> Database.open(config).close());
        assertTrue(refused.getMessage().contains("pg_ctl.planted is owned by uid"), refused.getMessage());
        Files.delete(planted);
        Files.setPosixFilePermissions(bin.resolve("pg_ctl"), PosixFilePermissions.fromString("rwxrwxrwx"));
        refused = assertThrows(AbiguardException.class, () -> Database.open(config).close());
        assertTrue(refused.getMessage().contains("pg_ctl is writable by other users"), refused.getMessage());
    }

    @Test
    void aTrustDataDirectoryFromBeforeIsLockedDownOnItsNextStart() throws Exception {
        Database.open(config).close();
        // What earlier versions left: trust for everyone, no secret, no password on the postgres role.
        Files.delete(stateDir.resolve("embedded-pg.secret"));
        Files.delete(stateDir.resolve("pgdata/abiguard-password-set"));
        Files.writeString(stateDir.resolve("pgdata/pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(stateDir.resolve("embedded.lock"), PosixFilePermissions.fromString("rw-r--r--"));
        try (Database database = Database.open(config)) {
            assertLockedDown();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("embedded.lock"))));
        }
    }
}
