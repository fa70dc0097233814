package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** Two audits of one host at once: one runs, the other waits briefly and skips with exit 0. */
class AuditConcurrencyTest {
    @Test
    void secondAuditOfTheSameHostSkips() throws Exception {
        try (TestDatabase db = TestDatabase.create("concurrency")) {
            Cli cli = Cli.on(db, "hv-busy").with("ABIGUARD_STATE_DIR",
                    java.nio.file.Files.createTempDirectory("abiguard-busy").toString());
            assertEquals(0, cli.run("migrate").exitCode());
            CompletableFuture<Cli.Result> slow = CompletableFuture.supplyAsync(
                    () -> cli.run("audit", "--pass-delay", "4s", "--lock-wait", "1s"));
            Thread.sleep(1500);
            Cli.Result second = cli.run("audit", "--lock-wait", "1s");
            Cli.Result first = slow.get();

            assertEquals(0, first.exitCode(), first::toString);
            assertTrue(first.stdout().startsWith("hv-busy: "), first.stdout());
            assertEquals(0, second.exitCode(), second::toString);
            assertTrue(second.stdout().contains("audit skipped (1 in a row): another audit of host hv-busy is still running"),
                    second.stdout());
            assertEquals(1, db.queryLong("select count(*) from passes"), "only one pass ran");
        }
    }

    /** Skipped every time (something holds the host's lock for good): an error after --max-skips in a row. */
    @Test
    void auditsSkippedTooOftenInARowAreAnError() throws Exception {
        try (TestDatabase db = TestDatabase.create("skips")) {
            Cli cli = Cli.on(db, "hv-held").with("ABIGUARD_STATE_DIR",
                    java.nio.file.Files.createTempDirectory("abiguard-held").toString());
            assertEquals(0, cli.run("migrate").exitCode());
            javax.sql.DataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ((org.postgresql.ds.PGSimpleDataSource) ds).setURL(db.url());
            ((org.postgresql.ds.PGSimpleDataSource) ds).setUser(TestDatabase.USER);
            ((org.postgresql.ds.PGSimpleDataSource) ds).setPassword(TestDatabase.PASSWORD);
            try (org.abiguard.archive.ArchiveLock held = org.abiguard.archive.ArchiveLock.tryAcquire(ds,
                    auditLock(db), hostId(db), java.time.Duration.ZERO).orElseThrow()) {
                for (int i = 1; i <= 2; i++) {
                    Cli.Result skipped = cli.run("audit", "--lock-wait", "0s", "--max-skips", "3");
                    assertEquals(0, skipped.exitCode(), skipped::toString);
                    assertTrue(skipped.stdout().contains("(" + i + " in a row)"), skipped::toString);
                }
                java.nio.file.Path metrics = java.nio.file.Files.createTempDirectory("abiguard-metrics").resolve("a.prom");
                Cli.Result error = cli.run("audit", "--lock-wait", "0s", "--max-skips", "3", "--metrics-file", metrics.toString());
                assertEquals(2, error.exitCode(), error::toString);
                assertTrue(error.stderr().contains("skipped 3 times in a row"), error::toString);
                assertTrue(java.nio.file.Files.readString(metrics).contains("abiguard_audit_skips_in_a_row{host=\"hv-held\"} 3"),
                        "the skips are a metric too");
                // A symlink planted at the metrics path (the textfile directory is another user's): never followed.
                java.nio.file.Path secret = java.nio.file.Files.createTempFile("abiguard-root-only", ".txt");
                java.nio.file.Files.writeString(secret, "root-only-secret\n");
                java.nio.file.Path planted = metrics.resolveSibling("planted.prom");
                java.nio.file.Files.createSymbolicLink(planted, secret);
                cli.run("audit", "--lock-wait", "0s", "--max-skips", "9", "--metrics-file", planted.toString());
                assertFalse(java.nio.file.Files.isSymbolicLink(planted), "replaced by a file of its own");
                assertFalse(java.nio.file.Files.readString(planted).contains("root-only-secret"), "nothing copied through the link");
                assertEquals("root-only-secret\n", java.nio.file.Files.readString(secret), "the link's target untouched");
                held.close();
                assertEquals(0, cli.run("audit", "--lock-wait", "0s", "--max-skips", "3", "--metrics-file", metrics.toString())
                        .exitCode());
                String after = java.nio.file.Files.readString(metrics);
                assertTrue(after.contains("abiguard_audit_skips_in_a_row{host=\"hv-held\"} 0"), after);
                assertTrue(after.contains("abiguard_domains_archived{host=\"hv-held\"}"), after);
            }
            try (org.abiguard.archive.ArchiveLock held = org.abiguard.archive.ArchiveLock.tryAcquire(ds,
                    auditLock(db), hostId(db), java.time.Duration.ZERO).orElseThrow()) {
                assertTrue(cli.run("audit", "--lock-wait", "0s").stdout().contains("(1 in a row)"), "a completed audit resets");
            }
        }
    }

    private static long hostId(TestDatabase db) {
        db.jdbi().useHandle(h -> h.execute("insert into hosts (name) values ('hv-held') on conflict do nothing"));
        return db.queryLong("select id from hosts where name = 'hv-held'");
    }

    private static String auditLock(TestDatabase db) {
        return org.abiguard.archive.ArchiveLock.auditOf(hostId(db));
    }
}
