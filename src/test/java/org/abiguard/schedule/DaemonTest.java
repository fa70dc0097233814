package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.abiguard.archive.Database;
import org.abiguard.config.Config;
import org.abiguard.testing.Libvirtd;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Domain;

/** The daemon in-process on real libvirtd and PostgreSQL: interval, events, reconnects. */
class DaemonTest {
    private static final int AFFECT_CONFIG = 2;

    private TestDatabase db;
    private TestGuests guests;
    private Database database;
    private Daemon daemon;

    @TempDir
    Path stateDir;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create("daemon");
        guests = TestGuests.create("daemon");
        database = Database.open(new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "hv-daemon", stateDir, Optional.empty()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        database.close();
        guests.close();
        db.close();
    }

    private void startDaemon(Duration interval, boolean events) throws Exception {
        Config config = new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "hv-daemon", stateDir, Optional.empty());
        daemon = new Daemon(config, database, new DaemonSettings(interval, Duration.ofSeconds(1), Duration.ofDays(90),
                Duration.ofHours(1), events, Optional.empty(), Duration.ZERO));
        daemon.start();
        await(Duration.ofSeconds(30), () -> daemon.passes() >= 1, "the first audit at start");
    }

    private long inactiveVersions(UUID uuid) {
        return db.queryLong("select count(*) from domain_versions v join domains d on d.id = v.domain_id "
                + "where d.uuid = '" + uuid + "' and v.kind = 'inactive'");
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void twoSecondIntervalCatchesAConfigChange() throws Exception {
        Domain domain = guests.defineStandard("interval");
        UUID uuid = UUID.fromString(domain.getUUIDString());
        startDaemon(Duration.ofSeconds(2), false);
        assertEquals(1, inactiveVersions(uuid));

        // libvirt emits no event for --config changes of an inactive domain: only the interval sees this.
        domain.attachDeviceFlags("<disk type='file' device='disk'><source file='" + guests.disk("interval-vol")
                + "'/><target dev='vdc' bus='virtio'/></disk>", AFFECT_CONFIG);

        await(Duration.ofSeconds(6), () -> inactiveVersions(uuid) == 2, "the next audit archives the change");
        assertTrue(db.queryLong("select count(*) from hosts where name = 'hv-daemon' and last_heartbeat_at is not null") == 1);
    }

    @Test
    void definitionChangedWithVirshIsArchivedWithinTwoSecondsThroughEvents() throws Exception {
        Domain domain = guests.defineStandard("event");
        UUID uuid = UUID.fromString(domain.getUUIDString());
        startDaemon(Duration.ofHours(1), true);
        Thread.sleep(500); // the listener connects after the first audit has started

        long start = System.nanoTime();
        guests.define(domain.getXMLDesc(2).replace("<memory unit='KiB'>32768</memory>", "<memory unit='KiB'>49152</memory>")
                .replace("<currentMemory unit='KiB'>32768</currentMemory>", "<currentMemory unit='KiB'>49152</currentMemory>"));

        await(Duration.ofSeconds(2), () -> inactiveVersions(uuid) == 2, "archived through the libvirt event");
        System.out.printf("event to archive: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void libvirtdKilledAndRestartedWhileTheDaemonRuns() throws Exception {
        Domain domain = guests.defineStandard("restart");
        UUID uuid = UUID.fromString(domain.getUUIDString());
        // An hour-long interval: only the listener's reconnect (and its catch-up pass) can archive anything here.
        startDaemon(Duration.ofHours(1), true);

        assertEquals(0, Libvirtd.killSystemDaemon());
        Thread.sleep(1500);
        Libvirtd.restart();
        long passesAfterRestart = daemon.passes();
        await(Duration.ofSeconds(15), () -> daemon.passes() > passesAfterRestart, "the catch-up pass after reconnecting");

        // The listener reconnected: a virsh define is archived within seconds again, through its event.
        guests.reconnect();
        guests.define(guests.lookup(domain.getName()).getXMLDesc(2).replace("<vcpu placement='static'>1</vcpu>",
                "<vcpu placement='static'>2</vcpu>"));
        await(Duration.ofSeconds(6), () -> inactiveVersions(uuid) == 2, "archived after the restart");
    }
}
