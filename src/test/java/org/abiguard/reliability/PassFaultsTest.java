package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.abiguard.archive.Spool;
import org.abiguard.testing.AbiguardProcess;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.Virsh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad spool entry, one bad domain, one wrong port: each stays what it is and stops nothing else. */
class PassFaultsTest {
    @TempDir
    Path stateDir;

    @Test
    void aCorruptSpoolEntryIsQuarantinedAndTheRestReplay() throws Exception {
        try (TestDatabase db = TestDatabase.create("quarantine"); TestGuests guests = TestGuests.create("quarantine")) {
            guests.defineStandard("g");
            Cli cli = Cli.on(db, "hv-q").with("ABIGUARD_STATE_DIR", stateDir.toString());
            Cli away = cli.with("ABIGUARD_DB_URL", "jdbc:postgresql://127.0.0.1:1/abiguard");
            assertEquals(0, away.run("snapshot").exitCode());
            assertEquals(0, away.run("snapshot").exitCode());
            Path first = new Spool(stateDir).pending().get(0);
            byte[] bytes = Files.readAllBytes(first);
            Files.write(first, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // what a torn write would leave

            Cli.Result back = cli.run("snapshot");
            assertEquals(0, back.exitCode(), back::toString);
            assertTrue(back.stderr().contains("1 spooled pass(es) were unreadable and moved to"), back::toString);
            assertEquals(2, db.queryLong("select count(*) from passes"), "the intact spooled pass and the fresh one");
            assertTrue(Files.exists(stateDir.resolve("spool").resolve("quarantine").resolve(first.getFileName())));
            assertEquals(List.of(), new Spool(stateDir).pending());
        }
    }

    @Test
    void aDomainWhoseNameHoldsEscIsAPerDomainFailure() throws Exception {
        try (TestDatabase db = TestDatabase.create("escname"); TestGuests guests = TestGuests.create("escname")) {
            guests.defineStandard("plain");
            guests.defineStandard("evil");
            String evil = guests.name("evil") + "\u001b[31m\u0007";
            Virsh.ok("domrename", guests.name("evil"), evil);
            AbiguardProcess.Result result = AbiguardProcess.run(java.util.Map.of("ABIGUARD_DB_URL", db.url(),
                    "ABIGUARD_DB_USER", TestDatabase.USER, "ABIGUARD_DB_PASSWORD", TestDatabase.PASSWORD,
                    "ABIGUARD_HOST", "hv-esc", "ABIGUARD_LIBVIRT_URI", TestGuests.URI,
                    "ABIGUARD_STATE_DIR", stateDir.toString()), List.of(), "snapshot");
            assertEquals(0, result.exitCode(), result::toString);
            assertFalse(result.output().contains("\u001b") || result.output().contains("\u0007"), "no raw ESC or BEL printed");
            assertTrue(result.output().contains("evil\\x1b[31m\\x07' (") && result.output().contains("1 skipped"),
                    result::toString);
            assertEquals(1, db.queryLong("select count(*) from domains where name = '" + guests.name("plain") + "'"),
                    "the neighbour is archived");
            assertEquals(1, db.queryLong("select count(*) from passes where outcome = 'partial' and domains_skipped = 1"));
        }
    }

    @Test
    void somethingElseOnTheDatabasePortIsAnErrorNotAnOutage() throws Exception {
        try (ServerSocket notPostgres = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
             TestGuests guests = TestGuests.create("wrongport")) {
            Thread server = new Thread(() -> {
                while (!notPostgres.isClosed()) {
                    try (Socket s = notPostgres.accept(); OutputStream out = s.getOutputStream()) {
                        out.write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            Cli cli = new Cli(java.util.Map.of("ABIGUARD_DB_URL", "jdbc:postgresql://127.0.0.1:" + notPostgres.getLocalPort()
                    + "/abiguard", "ABIGUARD_HOST", "hv-wrong", "ABIGUARD_STATE_DIR", stateDir.toString(),
                    "ABIGUARD_LIBVIRT_URI", TestGuests.URI));
            long start = System.nanoTime();
            Cli.Result result = cli.run("snapshot");
            assertEquals(2, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("not as PostgreSQL"), result::toString);
            assertEquals(List.of(), new Spool(stateDir).pending(), "nothing spooled as if the database were down");
            assertTrue(System.nanoTime() - start < 8_000_000_000L, "answered, not timed out");
        }
    }
}
