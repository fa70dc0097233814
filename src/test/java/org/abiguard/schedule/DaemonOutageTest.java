package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.abiguard.archive.Database;
import org.abiguard.archive.Spool;
import org.abiguard.config.Config;
import org.abiguard.testing.PrivatePostgres;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Domain;

/**
 * PostgreSQL stopped under a running daemon (a real server of the test's own): the libvirt events and the
 * audit of the outage go to the spool, and when PostgreSQL is back they are archived, in order, once.
 */
class DaemonOutageTest {
    @TempDir
    Path stateDir;

    @Test
    void theDaemonSpoolsWhileTheDatabaseIsAwayAndReplaysWhenItIsBack() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start(); TestGuests guests = TestGuests.create("outage")) {
            Config config = new Config(Optional.of(pg.url()), Optional.of("postgres"), Optional.empty(),
                    List.of(TestGuests.URI), "hv-outage", stateDir, Optional.empty());
            Spool spool = new Spool(stateDir);
            try (Database database = Database.open(config); Daemon daemon = new Daemon(config, database,
                    new DaemonSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(90), Duration.ofHours(1),
                            true, Optional.empty(), Duration.ZERO))) {
                daemon.start();
                await(() -> daemon.passes() >= 1, "the first audit");

                pg.stopServer();
                Domain during = guests.defineStandard("during-outage"); // a libvirt event while the database is away
                await(() -> spool.pending().size() >= 1, "the event pass spooled");
                // Counted once the spool is quiet for 2 s: events of guests other classes removed (or other processes
                // define) also spool passes, and the claim here is about the audit's own.
                int beforeAudit = quiet(spool);
                daemon.audit();
                assertEquals(beforeAudit + 1, spool.pending().size(), "the audit of the outage spooled too");

                pg.startServer();
                guests.defineStandard("after-outage"); // the next event replays the spool first
                await(() -> spool.pending().isEmpty() && archived(database, "after-outage", guests), "replayed");
                assertTrue(archived(database, "during-outage", guests), "the definition made during the outage");
                assertEquals(0L, (long) database.jdbi().withHandle(h -> h.createQuery("select count(*) from (select"
                        + " started_at, lag(started_at) over (order by id) prev from passes) p where started_at < prev")
                        .mapTo(Long.class).one()), "passes archived in the order observed");
                assertTrue(during.getUUIDString() != null);
            }
        }
    }

    private static int quiet(Spool spool) throws InterruptedException {
        int size = spool.pending().size();
        for (long stableSince = System.nanoTime(); System.nanoTime() - stableSince < Duration.ofSeconds(2).toNanos(); ) {
            Thread.sleep(100);
            int now = spool.pending().size();
            if (now != size) {
                size = now;
                stableSince = System.nanoTime();
            }
        }
        return size;
    }

    private static boolean archived(Database database, String suffix, TestGuests guests) {
        try {
            return database.jdbi().withHandle(h -> h.createQuery("select count(*) from domains where name = :n")
                    .bind("n", guests.name(suffix)).mapTo(Long.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 90 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
