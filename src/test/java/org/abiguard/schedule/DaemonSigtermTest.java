package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.abiguard.cli.Main",
                    "daemon", "--interval", "1h", "--no-events", "--pass-delay", "4s"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(java.util.Map.of("ABIGUARD_DB_URL", db.url(), "ABIGUARD_DB_USER",
                    TestDatabase.USER, "ABIGUARD_DB_PASSWORD", TestDatabase.PASSWORD, "ABIGUARD_HOST", "hv-term",
                    "ABIGUARD_LIBVIRT_URI", TestGuests.URI, "ABIGUARD_STATE_DIR", stateDir.toString()));
            Process daemon = builder.start();

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
            assertEquals(0, beforeTerm, "the pass was not committed when SIGTERM arrived");
            assertEquals(1, db.queryLong("select count(*) from passes"), () -> "the pass finished: " + read(log));
            assertEquals(db.queryLong("select coalesce(sum(versions_added), 0) from passes"),
                    db.queryLong("select count(*) from domain_versions"), "every version of the pass, nothing more");
            assertEquals(1, db.queryLong("select count(*) from hosts h join passes p on p.host_id = h.id "
                    + "where h.last_pass_at = p.finished_at"));
            assertTrue(read(log).contains("daemon stopped after 1 pass(es)"), read(log));
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
