package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.abiguard.testing.AbiguardProcess;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a daemon process while its pass's transaction is open: the process stops only after the
 * pass committed, and the archive holds whole passes only (every version of a pass, or none of it).
 */
class DaemonSigtermTest {
    @Test
    void sigtermMidPassLeavesNoPartialPass(@TempDir Path stateDir) throws Exception {
        try (TestDatabase db = TestDatabase.create("sigterm"); TestGuests guests = TestGuests.create("sigterm")) {
            guests.defineStandard("a");
            guests.defineStandard("b");
            Path log = stateDir.resolve("daemon.log");
            Process daemon = AbiguardProcess.start(java.util.Map.of("ABIGUARD_DB_URL", db.url(), "ABIGUARD_DB_USER",
                    TestDatabase.USER, "ABIGUARD_DB_PASSWORD", TestDatabase.PASSWORD, "ABIGUARD_HOST", "hv-term",
                    "ABIGUARD_LIBVIRT_URI", TestGuests.URI, "ABIGUARD_STATE_DIR", stateDir.toString()), log, List.of(),
                    "daemon", "--interval", "1h", "--no-events", "--pass-delay", "4s");

            // Wait until the first audit's pass holds its transaction open: its last write done, not committed.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (db.queryLong("select count(*) from pg_stat_activity where datname = current_database() "
                    + "and state = 'idle in transaction' and query like '%set last_pass_at%'") == 0) {
                assertTrue(System.nanoTime() < deadline, () -> "no pass started: " + read(log));
                Thread.sleep(100);
            }
            long beforeTerm = db.queryLong("select count(*) from passes");
            daemon.destroy(); // SIGTERM

            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon stopped after its pass");
            assertEquals(0, daemon.exitValue(), () -> "SIGTERM is a normal stop: " + read(log));
            assertEquals(0, beforeTerm, "the pass was not committed when SIGTERM arrived");
            assertEquals(1, db.queryLong("select count(*) from passes"), () -> "the pass finished: " + read(log));
            assertEquals(db.queryLong("select coalesce(sum(versions_added), 0) from passes"),
                    db.queryLong("select count(*) from domain_versions"), "every version of the pass, nothing more");
            assertEquals(1, db.queryLong("select count(*) from hosts h join passes p on p.host_id = h.id "
                    + "where h.last_pass_at = p.started_at"));
            assertTrue(read(log).contains("daemon stopped after 1 pass(es)"), read(log));
        }
    }

    /**
     * The same with the zero-config embedded PostgreSQL: SIGTERM lands inside the pass; the pass commits to
     * the embedded database before it stops (nothing spooled) and the process exits 0.
     */
    @Test
    void sigtermWithTheEmbeddedDatabaseCommitsThePassAndExitsZero(@TempDir Path stateDir) throws Exception {
        try (TestGuests guests = TestGuests.create("sigterm-embedded")) {
            guests.defineStandard("a");
            Path log = stateDir.resolve("daemon.log");
            Process daemon = AbiguardProcess.start(java.util.Map.of("ABIGUARD_HOST", "hv-term-embedded",
                    "ABIGUARD_LIBVIRT_URI", TestGuests.URI, "ABIGUARD_STATE_DIR", stateDir.toString()), log, List.of(),
                    "daemon", "--interval", "1h", "--no-events", "--pass-delay", "5s");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!read(log).contains("daemon started")) {
                assertTrue(System.nanoTime() < deadline, () -> "the daemon did not start: " + read(log));
                Thread.sleep(100);
            }
            Thread.sleep(2000); // the first audit runs at start and now holds its transaction for --pass-delay
            daemon.destroy(); // SIGTERM

            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon stopped");
            assertEquals(0, daemon.exitValue(), () -> "SIGTERM is a normal stop: " + read(log));
            assertTrue(read(log).contains("daemon stopped after 1 pass(es)"), read(log));
            try (var spooled = Files.list(stateDir)) {
                assertTrue(spooled.noneMatch(p -> p.getFileName().toString().equals("spool")
                        && p.toFile().list((d, n) -> n.endsWith(".json")).length > 0), () -> "nothing spooled: " + read(log));
            }
            org.abiguard.testing.Cli cli = new org.abiguard.testing.Cli(java.util.Map.of("ABIGUARD_STATE_DIR",
                    stateDir.toString(), "ABIGUARD_HOST", "hv-term-embedded", "ABIGUARD_LIBVIRT_URI", TestGuests.URI));
            var hosts = cli.run("host", "list", "--format", "json");
            assertEquals(0, hosts.exitCode(), hosts::toString);
            assertTrue(hosts.stdout().contains("\"last_pass_at\" : \"20"), hosts.stdout());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

}
