package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.abiguard.archive.Database;
import org.abiguard.archive.PassHooks;
import org.abiguard.archive.Spool;
import org.abiguard.archive.SpoolingPass;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.testing.ArchiveFixture;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spooled passes replay before any fresh pass, in order, once, with their own observation times. */
class SpoolReplayTest {
    @RegisterExtension
    final ArchiveFixture fx = new ArchiveFixture("replay", "hv-replay");
    private TestDatabase db;
    private Path stateDir;
    private Cli cli;
    private Cli away;

    @BeforeEach
    void setUp() {
        db = fx.db();
        stateDir = fx.stateDir();
        fx.guests().defineStandard("g");
        cli = fx.cli();
        away = fx.cliWithDatabaseAway();
        assertEquals(0, cli.run("migrate").exitCode());
    }

    @Test
    void aFailedReplayQueuesTheFreshPassBehindTheSpooledOnes() throws Exception {
        assertEquals(0, away.run("snapshot").exitCode());
        assertEquals(0, away.run("snapshot").exitCode());
        AtomicInteger commits = new AtomicInteger();
        PassHooks firstCommitDies = new PassHooks(name -> { }, () -> {
            if (commits.incrementAndGet() == 1) {
                db.jdbi().useHandle(h -> h.execute("select pg_terminate_backend(pid) from pg_stat_activity where "
                        + "datname = current_database() and pid <> pg_backend_pid() and state = 'idle in transaction'"));
            }
        });
        try (Database database = Database.open(fx.config()); LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
            SpoolingPass.Outcome outcome = SpoolingPass.run(Optional.of(database), "hv-replay", List.of(connection),
                    firstCommitDies, new Spool(stateDir));
            assertTrue(outcome.pass().isEmpty(), "the fresh pass must not overtake the spooled ones");
            assertEquals(3, outcome.waiting());
        }
        assertEquals(0, db.queryLong("select count(*) from passes"));
        assertEquals(0, cli.run("snapshot").exitCode());
        assertEquals(4, db.queryLong("select count(*) from passes"));
        assertEquals(0, db.queryLong("select count(*) from (select started_at, lag(started_at) over (order by id) as prev"
                + " from passes) p where started_at < prev"), "archived in the order observed");
    }

    @Test
    void replayedVersionsCarryTheirObservationTime() throws Exception {
        assertEquals(0, away.run("snapshot").exitCode());
        Thread.sleep(1500);
        assertEquals(0, cli.run("snapshot").exitCode());
        assertEquals(0, db.queryLong("select count(*) from domain_versions v join passes p on p.id = v.pass_id"
                + " where v.first_seen <> p.started_at"), "first_seen is when libvirt was read");
        assertEquals(1, db.queryLong("select count(*) from passes where finished_at - started_at > interval '1 second'"),
                "the replayed pass was written later than it was observed");
    }

    @Test
    void twoProcessesReplayingOneSpoolArchiveEveryPassOnce() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(0, away.run("snapshot").exitCode());
        }
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.abiguard.cli.Main", "snapshot")
                    .redirectErrorStream(true).redirectOutput(stateDir.resolve("p" + i + ".log").toFile());
            builder.environment().putAll(java.util.Map.of("ABIGUARD_DB_URL", db.url(), "ABIGUARD_DB_USER",
                    TestDatabase.USER, "ABIGUARD_DB_PASSWORD", TestDatabase.PASSWORD, "ABIGUARD_HOST", "hv-replay",
                    "ABIGUARD_LIBVIRT_URI", TestGuests.URI, "ABIGUARD_STATE_DIR", stateDir.toString()));
            processes.add(builder.start());
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS));
            String log = Files.readString(stateDir.resolve("p" + i + ".log"));
            assertEquals(0, processes.get(i).exitValue(), log);
            assertTrue(!log.contains("cannot remove replayed"), log);
        }
        assertEquals(6, db.queryLong("select count(*) from passes"), "four spooled passes and two fresh ones, once each");
        assertEquals(List.of(), new Spool(stateDir).pending());
    }
}
