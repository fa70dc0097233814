package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.abiguard.archive.Database;
import org.abiguard.config.Config;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons — one in-process, one a separate JVM, as on two hosts — on one database: the fleet-wide
 * jobs run once per fleet through Quartz's clustered JDBC store, not once per daemon.
 */
class FleetJobsTest {
    @TempDir
    Path stateDir;

    @Test
    void fleetJobsRunOncePerFleetNotOncePerDaemon() throws Exception {
        try (TestDatabase db = TestDatabase.create("fleetjobs")) {
            Config config = new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                    Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "hv-a", stateDir.resolve("a"),
                    Optional.empty());
            Path log = stateDir.resolve("b.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.abiguard.cli.Main",
                    "daemon", "--interval", "1h", "--no-events", "--fleet-interval", "2s"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("ABIGUARD_DB_URL", db.url(), "ABIGUARD_DB_USER", TestDatabase.USER,
                    "ABIGUARD_DB_PASSWORD", TestDatabase.PASSWORD, "ABIGUARD_HOST", "hv-b",
                    "ABIGUARD_LIBVIRT_URI", TestGuests.URI, "ABIGUARD_STATE_DIR", stateDir.resolve("b").toString()));
            try (Database database = Database.open(config)) {
                Daemon a = new Daemon(config, database, new DaemonSettings(Duration.ofHours(1), Duration.ofSeconds(30),
                        Duration.ofDays(90), Duration.ofSeconds(2), false, Optional.empty(), Duration.ZERO));
                a.start();
                Process b = builder.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (db.queryLong("select count(distinct instance_name) from qrtz_scheduler_state") < 2) {
                    assertTrue(System.nanoTime() < deadline, "the second daemon joined the cluster");
                    Thread.sleep(200);
                }
                long aBefore = a.fleetRuns();
                long bBefore = retentionRuns(log);
                Thread.sleep(10_000);
                long aRuns = a.fleetRuns() - aBefore;
                long bRuns = 2 * (retentionRuns(log) - bBefore); // retention and fleet report fire together
                b.destroy();
                b.waitFor(60, TimeUnit.SECONDS);
                a.close();

                // Two jobs every 2 s for 10 s: about 10 runs per fleet; twice that if each daemon ran them.
                long runs = aRuns + bRuns;
                // (A loaded clustered store may fire late, so the lower bound only says the jobs ran at all.)
                assertTrue(runs >= 2 && runs <= 14, "once per fleet: " + aRuns + " here + " + bRuns + " there");
                assertEquals(2, db.queryLong("select count(*) from qrtz_job_details where job_group = 'abiguard'"),
                        "one definition of each fleet job, shared");
            }
        }
    }

    private static long retentionRuns(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains("retention: pruned")).count() : 0;
    }
}
