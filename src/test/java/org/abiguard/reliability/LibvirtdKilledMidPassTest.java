package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.abiguard.AbiguardException;
import org.abiguard.archive.Database;
import org.abiguard.archive.PassHooks;
import org.abiguard.archive.PassSummary;
import org.abiguard.archive.SnapshotPass;
import org.abiguard.config.Config;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.testing.Libvirtd;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;

/** libvirtd killed in the middle of reading: the pass fails whole, nothing is recorded, the next is complete. */
class LibvirtdKilledMidPassTest {
    @Test
    void killedMidPassRecordsNothingAndTheNextPassIsComplete() throws Exception {
        try (TestDatabase db = TestDatabase.create("killed"); TestGuests guests = TestGuests.create("killed")) {
            for (int i = 0; i < 3; i++) {
                guests.defineStandard("g" + i);
            }
            Config config = new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                    Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "hv-killed", Path.of("/tmp"),
                    Optional.empty());
            try (Database database = Database.open(config)) {
                AtomicBoolean killed = new AtomicBoolean();
                try (LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
                    SnapshotPass pass = new SnapshotPass(database.jdbi(), "hv-killed", PassHooks.beforeFetch(name -> {
                        if (name.startsWith(guests.name("g1")) && killed.compareAndSet(false, true)) {
                            try {
                                Libvirtd.killSystemDaemon();
                                Thread.sleep(300);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }));
                    AbiguardException failure = assertThrows(AbiguardException.class, () -> pass.run(List.of(connection)));
                    assertTrue(failure.getMessage().contains("cannot read domain"), failure.getMessage());
                }
                assertTrue(killed.get());
                assertEquals(0, db.queryLong("select count(*) from passes"), "no partial pass recorded");
                assertEquals(0, db.queryLong("select count(*) from domain_versions"));

                Libvirtd.restart();
                guests.reconnect();
                try (LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
                    PassSummary next = new SnapshotPass(database.jdbi(), "hv-killed").run(List.of(connection));
                    assertEquals("ok", next.outcome());
                    assertEquals(next.domainsSeen(), db.queryLong("select count(*) from domains"));
                }
            }
        }
    }
}
