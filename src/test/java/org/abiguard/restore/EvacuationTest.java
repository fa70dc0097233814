package org.abiguard.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.abiguard.archive.ArchiveLock;
import org.abiguard.archive.Database;
import org.abiguard.cli.ExitCodes;
import org.abiguard.config.Config;
import org.abiguard.drift.DriftEngine;
import org.abiguard.drift.Finding;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.Virsh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/**
 * Evacuation end to end on the real libvirtd: a guest with a hot-plugged volume archived as hv-a,
 * hv-a lost, the guest restored as hv-b with every guest-visible field as archived; and each refusal.
 */
class EvacuationTest {
    private static final int AFFECT_LIVE_AND_CONFIG = 3;

    private TestDatabase db;
    private TestGuests guests;
    private Cli hvA;
    private Cli hvB;
    private Domain guest;
    private String uuid;
    private String archivedXml;

    @BeforeEach
    void archiveOnHvA() throws Exception {
        db = TestDatabase.create("restore");
        guests = TestGuests.create("restore");
        hvA = Cli.on(db, "hv-a");
        hvB = Cli.on(db, "hv-b");
        guest = guests.defineStandard("evacuee");
        uuid = guest.getUUIDString();
        guest.create();
        Path volume = guests.disk("evacuee-volume");
        guest.attachDeviceFlags("<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='"
                + volume + "'/><target dev='vdc' bus='virtio'/></disk>", AFFECT_LIVE_AND_CONFIG);
        assertEquals(0, hvA.run("snapshot").exitCode());
        archivedXml = guest.getXMLDesc(2);
    }

    @AfterEach
    void tearDown() {
        guests.close();
        db.close();
    }

    /** hv-a is lost: its guest is gone from libvirt here (the same libvirtd plays hv-b). */
    private void loseHvA() throws Exception {
        if (guest.isActive() == 1) {
            guest.destroy();
        }
        guest.undefine();
        Cli.Result markDown = hvA.run("host", "mark-down", "hv-a", "--reason", "PSU failure, fenced");
        assertEquals(0, markDown.exitCode(), markDown::toString);
    }

    private boolean definedHere() {
        return Virsh.run("dominfo", uuid).ok();
    }

    @Test
    void restoredGuestHasEveryGuestVisibleFieldAsArchivedAndTheRestoreIsRecorded() throws Exception {
        // libvirt's own ABI check judges the restore: the guest as it ran on hv-a, saved with its memory.
        Path image = guests.disk("evacuee-state");
        Virsh.ok("save", uuid, image.toString());
        loseHvA();

        Cli.Result restore = hvB.run("restore", uuid, "--evacuate", "--from-host", "hv-a", "--yes");

        assertEquals(0, restore.exitCode(), restore::toString);
        assertTrue(restore.stdout().contains(": defined"), restore.stdout());
        String restored = Virsh.ok("dumpxml", "--inactive", uuid);
        List<Finding> visible = DriftEngine.compare(archivedXml, restored).stream().filter(Finding::guestVisible).toList();
        assertEquals(List.of(), visible, "PCI addresses, machine type, CPU: all as archived");
        Path restoredFile = Files.writeString(guests.disk("restored-xml"), restored);
        Virsh.Result judged = Virsh.run("save-image-define", image.toString(), restoredFile.toString());
        assertTrue(judged.ok(), "libvirt's ABI check accepts the restored definition for the saved guest: " + judged);
        assertTrue(restored.contains("<uuid>" + uuid + "</uuid>"));
        assertTrue(restored.contains("dev='vdc'"), "the hot-plugged volume is part of the definition");
        assertEquals(1, db.queryLong("select count(*) from restores r join hosts h on h.id = r.from_host_id "
                + "where h.name = 'hv-a' and r.to_host = 'hv-b' and r.result = 'defined' and r.requested_by <> '' "
                + "and jsonb_array_length(r.checks) >= 5"));
        assertEquals(1, db.queryLong("select count(*) from domains d join hosts h on h.id = d.host_id "
                + "where d.uuid = '" + uuid + "' and h.name = 'hv-b'"), "the domain now lives on hv-b");

        // The next snapshot on hv-b continues the history: no new baseline, no guest-visible drift.
        assertEquals(0, hvB.run("snapshot").exitCode());
        Cli.Result drift = hvB.run("drift", "--domain", uuid, "--exit-code");
        assertEquals(ExitCodes.OK, drift.exitCode(), drift::toString);
        assertEquals(0, db.queryLong("select count(*) from baselines"));
    }

    @Test
    void refusedWithoutEvacuate() throws Exception {
        loseHvA();
        Cli.Result result = hvB.run("restore", uuid, "--from-host", "hv-a", "--yes");
        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertTrue(result.stderr().contains("--evacuate is required") && result.stderr().contains("never regenerated"),
                result::toString);
        assertFalse(definedHere());
    }

    @Test
    void refusedWhileTheSourceHostHasAFreshHeartbeatAndIsNotMarkedDown() throws Exception {
        guest.destroy();
        guest.undefine();
        Cli.Result result = hvB.run("restore", uuid, "--evacuate", "--from-host", "hv-a", "--yes");
        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertTrue(result.stderr().contains("host hv-a is not known to be down"), result::toString);
        assertTrue(result.stderr().contains("abiguard host mark-down hv-a"), result::toString);
        assertFalse(definedHere());
    }

    @Test
    void refusedWhenAlreadyDefinedOnTheTarget() throws Exception {
        assertEquals(0, hvA.run("host", "mark-down", "hv-a", "--reason", "test").exitCode());
        Cli.Result result = hvB.run("restore", uuid, "--evacuate", "--from-host", "hv-a", "--yes");
        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertTrue(result.stdout().contains("[FAIL] not-defined"), result::toString);
        assertEquals(1, db.queryLong("select count(*) from restores where result = 'refused'"));
    }

    @Test
    void refusedWhenTheTargetsQemuDoesNotOfferTheMachineType() throws Exception {
        loseHvA();
        // The archive as a host with a newer QEMU wrote it: the latest definition uses a chipset this QEMU lacks.
        db.jdbi().useHandle(h -> h.execute("""
                insert into domain_versions (domain_id, version, kind, sha256, xml, first_seen, host_id, pass_id)
                select v.domain_id, 99, 'inactive', 'newer-qemu', replace(v.xml, 'pc-i440fx-', 'pc-i440fx-99.0-was-'),
                       now(), v.host_id, v.pass_id from domain_versions v join domains d on d.id = v.domain_id
                where d.uuid = ? and v.kind = 'inactive' order by v.version desc limit 1""", java.util.UUID.fromString(uuid)));

        Cli.Result result = hvB.run("restore", uuid, "--evacuate", "--from-host", "hv-a", "--yes");

        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertTrue(result.stdout().contains("[FAIL] machine-type: pc-i440fx-99.0-was-"), result::toString);
        assertFalse(definedHere());
    }

    @Test
    void refusedWhileAnotherRestoreOfTheSameGuestRuns() throws Exception {
        loseHvA();
        Config config = new Config(java.util.Optional.of(db.url()), java.util.Optional.of(TestDatabase.USER),
                java.util.Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "hv-c", Path.of("/tmp"),
                java.util.Optional.empty());
        try (Database other = Database.open(config);
             ArchiveLock first = ArchiveLock.tryAcquire(other.dataSource(),
                     ArchiveLock.restoreOf(java.util.UUID.fromString(uuid)), null, Duration.ZERO).orElseThrow()) {
            Cli.Result second = hvB.run("restore", uuid, "--evacuate", "--from-host", "hv-a", "--yes");
            assertEquals(ExitCodes.ERROR, second.exitCode());
            assertTrue(second.stderr().contains("another restore of"), second::toString);
        }
        assertFalse(definedHere());
    }

    @Test
    void dryRunPrintsChecksAndXmlAndDefinesNothing() throws Exception {
        loseHvA();
        Cli.Result result = hvB.run("restore", uuid, "--evacuate", "--from-host", "hv-a", "--dry-run");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("[ok] machine-type"), result.stdout());
        assertTrue(result.stdout().contains("[ok] libvirt-abi") && result.stdout().contains("judged by libvirt "),
                "the target's libvirt judged the definition before anything is defined: " + result.stdout());
        assertTrue(result.stdout().contains("<uuid>" + uuid + "</uuid>"), "the exact XML");
        assertFalse(definedHere());
    }

    @Test
    void confirmationIsReadFromStdinAndEndOfInputIsNo() throws Exception {
        loseHvA();
        Cli.Result declined = hvB.runWithInput("", "restore", uuid, "--evacuate", "--from-host", "hv-a");
        assertEquals(ExitCodes.ERROR, declined.exitCode(), declined::toString);
        assertTrue(declined.stderr().contains("[y/N]"), declined::toString);
        assertFalse(definedHere());

        Cli.Result confirmed = hvB.runWithInput("y\n", "restore", uuid, "--evacuate", "--from-host", "hv-a");
        assertEquals(0, confirmed.exitCode(), confirmed::toString);
        assertTrue(definedHere());
    }

    @Test
    void allContinuesPastFailuresAndSummarises() throws Exception {
        Domain second = guests.defineStandard("second");
        assertEquals(0, hvA.run("snapshot").exitCode());
        loseHvA(); // the evacuee is gone; "second" is still defined here, so its restore must be refused

        Cli.Result result = hvB.run("restore", "--all", "--evacuate", "--from-host", "hv-a", "--yes");

        // hv-a archived every domain of this libvirtd; all but the evacuee are still defined here.
        assertEquals(ExitCodes.ERROR, result.exitCode(), result::toString);
        java.util.regex.Matcher summary = java.util.regex.Pattern
                .compile("evacuation of hv-a: (\\d+) domain\\(s\\), 1 done, (\\d+) not").matcher(result.stdout());
        assertTrue(summary.find(), result.stdout());
        assertEquals(Integer.parseInt(summary.group(1)) - 1, Integer.parseInt(summary.group(2)));
        assertTrue(result.stdout().contains(second.getName() + " is already defined on the target"), result.stdout());
        assertTrue(definedHere());
    }

    @Test
    void allAnswersEachPromptFromOneStdin() throws Exception {
        Domain second = guests.defineStandard("second");
        String secondUuid = second.getUUIDString();
        assertEquals(0, hvA.run("snapshot").exitCode());
        second.undefine();
        loseHvA();
        // Only this test's two guests are hv-a's: the shared libvirtd holds other tests' guests too.
        db.jdbi().useHandle(h -> h.execute("update domains set gone_since = now() where uuid not in ('" + uuid
                + "', '" + secondUuid + "')"));

        Cli.Result result = hvB.runWithInput("y\ny\n", "restore", "--all", "--evacuate", "--from-host", "hv-a");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("evacuation of hv-a: 2 domain(s), 2 done, 0 not"), result::toString);
        assertTrue(definedHere());
        assertTrue(Virsh.run("dominfo", secondUuid).ok(), "the second answer reached the second prompt");
    }
}
