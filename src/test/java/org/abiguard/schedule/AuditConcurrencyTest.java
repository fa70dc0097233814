package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            Cli cli = Cli.on(db, "hv-busy");
            assertEquals(0, cli.run("migrate").exitCode());
            CompletableFuture<Cli.Result> slow = CompletableFuture.supplyAsync(
                    () -> cli.run("audit", "--pass-delay", "4s", "--lock-wait", "1s"));
            Thread.sleep(1500);
            Cli.Result second = cli.run("audit", "--lock-wait", "1s");
            Cli.Result first = slow.get();

            assertEquals(0, first.exitCode(), first::toString);
            assertTrue(first.stdout().startsWith("hv-busy: "), first.stdout());
            assertEquals(0, second.exitCode(), second::toString);
            assertTrue(second.stdout().contains("audit skipped: another audit of host hv-busy is still running"),
                    second.stdout());
            assertEquals(1, db.queryLong("select count(*) from passes"), "only one pass ran");
        }
    }
}
