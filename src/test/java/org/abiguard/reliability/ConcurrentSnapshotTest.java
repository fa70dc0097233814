package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;

/**
 * Ten snapshot runs at once against one database: eight as different host names and two as the same
 * host, all seeing the same domains (as during migrations). No deadlock, no lost or duplicated version.
 */
class ConcurrentSnapshotTest {
    @Test
    void tenParallelSnapshotsDoNotDeadlockLoseOrDuplicate() throws Exception {
        try (TestDatabase db = TestDatabase.create("concurrent"); TestGuests guests = TestGuests.create("concurrent")) {
            for (int i = 0; i < 5; i++) {
                guests.defineStandard("g" + i);
            }
            guests.lookup(guests.name("g0")).create();
            assertEquals(0, Cli.on(db, "hv-0").run("migrate").exitCode());
            long domains = Long.parseLong(org.abiguard.testing.Virsh.ok("list", "--all", "--name").lines()
                    .filter(l -> !l.isBlank()).count() + "");
            long running = org.abiguard.testing.Virsh.ok("list", "--name").lines().filter(l -> !l.isBlank()).count();

            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Future<Cli.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String host = i < 8 ? "hv-" + i : "hv-same";
                runs.add(pool.submit(() -> Cli.on(db, host).run("snapshot")));
            }
            for (Future<Cli.Result> run : runs) {
                Cli.Result result = run.get(120, TimeUnit.SECONDS);
                assertEquals(0, result.exitCode(), result::toString);
            }
            pool.shutdown();

            assertEquals(10, db.queryLong("select count(*) from passes"), "every run recorded its pass");
            assertEquals(domains, db.queryLong("select count(*) from domains"), "one row per UUID");
            assertEquals(domains, db.queryLong("select count(*) from domain_versions where kind = 'inactive'"),
                    "exactly one inactive version per domain: none lost, none duplicated");
            assertEquals(running, db.queryLong("select count(*) from domain_versions where kind = 'live'"));
            assertEquals(db.queryLong("select count(*) from domain_versions"),
                    db.queryLong("select coalesce(sum(versions_added), 0) from passes"), "passes account for every version");
            assertEquals(0, db.queryLong("select count(*) from (select domain_id, version from domain_versions "
                    + "group by 1, 2 having count(*) > 1) dup"));
        }
    }
}
