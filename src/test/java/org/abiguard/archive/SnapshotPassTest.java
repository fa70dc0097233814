package org.abiguard.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.abiguard.config.Config;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.testing.Libvirtd;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/** Snapshot passes against the real libvirtd and a real PostgreSQL database of their own. */
class SnapshotPassTest {
    private static final String HOST = "hv-test";
    private static final int AFFECT_CONFIG = 2;

    private TestDatabase db;
    private TestGuests guests;
    private Database database;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create("snapshot");
        guests = TestGuests.create("snap");
        database = Database.open(new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), HOST, Path.of("/tmp"), Optional.empty()));
    }

    @AfterEach
    void tearDown() {
        database.close();
        guests.close();
        db.close();
    }

    private PassSummary pass() {
        try (LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
            return new SnapshotPass(database.jdbi(), HOST).run(List.of(connection));
        }
    }

    private long versions(UUID uuid, String kind) {
        return db.queryLong("select count(*) from domain_versions v join domains d on d.id = v.domain_id "
                + "where d.uuid = '" + uuid + "' and v.kind = '" + kind + "'");
    }

    @Test
    void firstPassArchivesInactiveOfEveryDomainAndLiveOfRunningOnes() throws Exception {
        Domain stopped = guests.defineStandard("stopped");
        Domain running = guests.defineStandard("running");
        running.create();

        PassSummary summary = pass();

        assertEquals("ok", summary.outcome());
        UUID stoppedId = UUID.fromString(stopped.getUUIDString());
        UUID runningId = UUID.fromString(running.getUUIDString());
        assertEquals(1, versions(stoppedId, "inactive"));
        assertEquals(0, versions(stoppedId, "live"));
        assertEquals(1, versions(runningId, "inactive"));
        assertEquals(1, versions(runningId, "live"));
        String archived = database.jdbi().withHandle(h -> h.createQuery(
                "select xml from domain_versions v join domains d on d.id = v.domain_id "
                        + "where d.uuid = :u and kind = 'inactive'").bind("u", runningId).mapTo(String.class).one());
        assertEquals(running.getXMLDesc(2), archived, "the archive holds libvirt's inactive XML verbatim");
        assertEquals(1, db.queryLong("select count(*) from host_facts"));
        assertEquals(1, db.queryLong("select count(*) from passes"));
    }

    @Test
    void unchangedSecondPassAddsNoVersionAndWritesTwoRowsWhateverTheDomainCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            guests.defineStandard("g" + i);
        }
        guests.lookup(guests.name("g0")).create();
        pass();
        long versionsBefore = db.queryLong("select count(*) from domain_versions");

        PassSummary second = pass();

        assertEquals(0, second.versionsAdded());
        assertEquals(versionsBefore, db.queryLong("select count(*) from domain_versions"));
        // Rows inserted or updated by the second pass's transaction, in every table: its pass row and its host.
        String xmin = "(select xmin from passes order by id desc limit 1)";
        long touched = 0;
        for (String table : List.of("hosts", "host_facts", "domains", "domain_moves", "domain_versions", "passes")) {
            touched += db.queryLong("select count(*) from " + table + " where xmin = " + xmin);
        }
        assertEquals(2, touched, "an unchanged pass writes the pass row and the host's last_pass_at, nothing else");
    }

    @Test
    void diskAttachedWithConfigAddsOneInactiveVersion() throws Exception {
        Domain domain = guests.defineStandard("attach");
        UUID uuid = UUID.fromString(domain.getUUIDString());
        pass();

        Path volume = guests.disk("attach-volume");
        domain.attachDeviceFlags("<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                + "<source file='" + volume + "'/><target dev='vdc' bus='virtio'/></disk>", AFFECT_CONFIG);
        PassSummary second = pass();

        assertEquals(1, second.versionsAdded());
        assertEquals(2, versions(uuid, "inactive"));
        assertEquals(0, versions(uuid, "live"));
        String latest = database.jdbi().withHandle(h -> h.createQuery(
                "select xml from domain_versions v join domains d on d.id = v.domain_id where d.uuid = :u "
                        + "order by version desc limit 1").bind("u", uuid).mapTo(String.class).one());
        assertTrue(latest.contains(volume.toString()));
        assertEquals(1, db.queryLong("select count(*) from domain_versions where last_seen is not null"),
                "the superseded version is closed");
    }

    @Test
    void domainUndefinedBetweenListingAndFetchingIsSkipped() throws Exception {
        Domain kept = guests.defineStandard("kept");
        Domain vanishing = guests.defineStandard("vanishing");
        String vanishingName = vanishing.getName();
        UUID vanishingId = UUID.fromString(vanishing.getUUIDString());

        PassSummary summary;
        try (LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
            summary = new SnapshotPass(database.jdbi(), HOST, PassHooks.beforeFetch(name -> {
                if (name.equals(vanishingName)) {
                    try {
                        guests.lookup(vanishingName).undefine();
                    } catch (org.libvirt.LibvirtException e) {
                        throw new IllegalStateException(e);
                    }
                }
            })).run(List.of(connection));
        }

        assertEquals("partial", summary.outcome());
        assertEquals(1, summary.domainsSkipped());
        assertEquals(1, versions(UUID.fromString(kept.getUUIDString()), "inactive"));
        assertEquals(0, db.queryLong("select count(*) from domains where uuid = '" + vanishingId + "'"));
        assertEquals("ok", pass().outcome(), "the next pass is complete");
    }

    @Test
    void undefinedDomainIsMarkedGoneWithItsHistoryKeptAndComesBackWithItsUuid() throws Exception {
        Domain domain = guests.defineStandard("leaving");
        UUID uuid = UUID.fromString(domain.getUUIDString());
        String xml = domain.getXMLDesc(2);
        pass();

        domain.undefine();
        PassSummary afterUndefine = pass();

        assertEquals(1, afterUndefine.domainsGone());
        DomainRef ref = database.jdbi().withExtension(DomainDao.class, dao -> dao.require(uuid.toString()));
        assertNotNull(ref.goneSince());
        assertEquals(1, versions(uuid, "inactive"), "history is kept");
        assertEquals(0, db.queryLong("select count(*) from domain_versions v join domains d on d.id = v.domain_id "
                        + "where d.uuid = '" + uuid + "' and v.last_seen is null"),
                "a gone domain has no current version");

        guests.define(xml);
        PassSummary back = pass();
        assertEquals(0, back.versionsAdded(), "the same definition reopens its version");
        assertNull(database.jdbi().withExtension(DomainDao.class, dao -> dao.require(uuid.toString())).goneSince());
    }

    @Test
    void libvirtdRestartBetweenPassesIsHarmless() throws Exception {
        Domain domain = guests.defineStandard("restart");
        domain.create();
        pass();

        Libvirtd.restart();
        PassSummary after = pass();

        assertEquals("ok", after.outcome());
        assertEquals(0, after.versionsAdded(), "a libvirtd restart changes no archived content");
        assertEquals(0, after.domainsGone());
    }

    @Test
    void sameUuidOnAnotherHostIsRecordedAsAMove() throws Exception {
        Domain domain = guests.defineStandard("mover");
        UUID uuid = UUID.fromString(domain.getUUIDString());
        pass();

        try (LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
            new SnapshotPass(database.jdbi(), "hv-other").run(List.of(connection));
        }

        DomainRef ref = database.jdbi().withExtension(DomainDao.class, dao -> dao.require(uuid.toString()));
        assertEquals("hv-other", ref.hostName());
        assertEquals(1, (int) database.jdbi().withExtension(DomainDao.class, dao -> dao.moveCount(uuid)));
        assertFalse(versions(uuid, "inactive") > 1, "a move with the same XML adds no version");
    }

    @Test
    void whatObservesCannotChangeAGuest() throws Exception {
        try (org.abiguard.libvirt.LibvirtConnections observing = org.abiguard.libvirt.LibvirtConnections.openAll(
                List.of(TestGuests.URI))) {
            org.libvirt.LibvirtException refused = org.junit.jupiter.api.Assertions.assertThrows(org.libvirt.LibvirtException.class,
                    () -> observing.all().get(0).connect().domainDefineXML(TestGuests.standardXml(guests.name("ro"),
                            guests.disk("ro-root"), guests.disk("ro-cfg"))));
            assertTrue(refused.getMessage().contains("read only") || refused.getMessage().contains("read-only"),
                    refused.getMessage());
        }
    }
}
