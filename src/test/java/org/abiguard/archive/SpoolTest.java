package org.abiguard.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.testing.ArchiveFixture;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The database away during a pass: a durable spool, replayed in order, once, and bounded. */
class SpoolTest {
    @RegisterExtension
    final ArchiveFixture fx = new ArchiveFixture("spool", "hv-spool");
    private Path stateDir;
    private TestDatabase db;
    private Cli cli;

    @BeforeEach
    void setUp() {
        stateDir = fx.stateDir();
        db = fx.db();
        fx.guests().defineStandard("g");
        cli = fx.cli();
        assertEquals(0, cli.run("migrate").exitCode());
    }

    private Spool spool() {
        return new Spool(stateDir);
    }

    @Test
    void unreachableDatabaseSpoolsThePassAndTheNextRunReplaysItOnce() throws Exception {
        Cli.Result away = cli.with("ABIGUARD_DB_URL", "jdbc:postgresql://127.0.0.1:1/abiguard").run("snapshot");

        assertEquals(0, away.exitCode(), away::toString);
        assertTrue(away.stdout().contains("database unreachable; pass spooled to"), away::toString);
        assertTrue(away.stderr().contains("warning: cannot connect to the database"), away::toString);
        List<Path> spooled = spool().pending();
        assertEquals(1, spooled.size());
        String content = Files.readString(spooled.get(0));
        assertTrue(content.contains("\"inactiveXml\""), "the whole XML is kept");
        Path copy = stateDir.resolve("copy.json");
        Files.copy(spooled.get(0), copy);

        Cli.Result back = cli.run("snapshot");
        assertEquals(0, back.exitCode(), back::toString);
        assertTrue(back.stderr().contains("replayed 1 spooled pass(es)"), back::toString);
        assertEquals(List.of(), spool().pending());
        assertEquals(2, db.queryLong("select count(*) from passes"), "the spooled pass, then this one");
        long versions = db.queryLong("select count(*) from domain_versions");

        // A crash between commit and deleting the file: the same file again is skipped, not duplicated.
        Files.copy(copy, spooled.get(0));
        assertEquals(0, cli.run("snapshot").exitCode());
        assertEquals(3, db.queryLong("select count(*) from passes"), "only the new pass");
        assertEquals(versions, db.queryLong("select count(*) from domain_versions"));
        assertEquals(List.of(), spool().pending());
    }

    @Test
    void connectionDroppedBeforeCommitSpoolsThePass() throws Exception {
        try (Database database = Database.open(fx.config()); LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
            PassHooks killBackend = new PassHooks(name -> { }, () -> db.jdbi().useHandle(h -> h.execute(
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() "
                            + "and pid <> pg_backend_pid() and state = 'idle in transaction'")));

            SpoolingPass.Outcome outcome = SpoolingPass.run(Optional.of(database), "hv-spool", List.of(connection),
                    killBackend, spool());

            assertTrue(outcome.pass().isEmpty());
            assertTrue(outcome.spooledTo().isPresent());
            assertEquals(0, db.queryLong("select count(*) from passes"), "the transaction died with its connection");
        }
        Cli.Result next = cli.run("snapshot");
        assertEquals(0, next.exitCode(), next::toString);
        assertEquals(2, db.queryLong("select count(*) from passes"));
        assertEquals(List.of(), spool().pending());
    }

    @Test
    void spoolIsBoundedAndRefusesWhenFull() throws Exception {
        Spool small = new Spool(stateDir, 3);
        try (LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
            for (int i = 0; i < 3; i++) {
                small.add(new SnapshotPass(null, "hv-spool").observe(List.of(connection)));
            }
            AbiguardException full = assertThrows(AbiguardException.class,
                    () -> small.add(new SnapshotPass(null, "hv-spool").observe(List.of(connection))));
            assertTrue(full.getMessage().contains("is full (3 passes"), full.getMessage());
        }
        assertEquals(3, small.pending().size());
    }
}
