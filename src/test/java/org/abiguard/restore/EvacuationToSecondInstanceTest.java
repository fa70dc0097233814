package org.abiguard.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.abiguard.drift.DriftEngine;
import org.abiguard.drift.Finding;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/**
 * Restore into a second, separate libvirt instance — the session daemon of the unprivileged user
 * abiguard-session that scripts/setup-host.sh starts — as a healthy host would be: the archive is
 * written from qemu:///system as hv-a, the definition lands in the other daemon as hv-b.
 */
class EvacuationToSecondInstanceTest {
    private static final int AFFECT_LIVE_AND_CONFIG = 3;

    private static String sessionUri() throws Exception {
        Process id = new ProcessBuilder("id", "-u", "abiguard-session").start();
        String uid = new String(id.getInputStream().readAllBytes()).trim();
        assertTrue(id.waitFor() == 0 && !uid.isEmpty(), "no abiguard-session user: run scripts/setup-host.sh");
        return "qemu+unix:///session?socket=/run/user/" + uid + "/libvirt/libvirt-sock";
    }

    @Test
    void restoredIntoAnotherLibvirtdWithEveryGuestVisibleFieldAsArchived() throws Exception {
        String target = sessionUri();
        assertTrue(runVirsh(target, "version"), "session libvirtd not running: run scripts/setup-host.sh");
        try (TestDatabase db = TestDatabase.create("second"); TestGuests guests = TestGuests.create("second")) {
            Domain guest = guests.defineStandard("evacuee");
            String uuid = guest.getUUIDString();
            guest.create();
            Path volume = guests.disk("evacuee-volume");
            guest.attachDeviceFlags("<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='"
                    + volume + "'/><target dev='vdc' bus='virtio'/></disk>", AFFECT_LIVE_AND_CONFIG);
            Cli hvA = Cli.on(db, "hv-a");
            assertEquals(0, hvA.run("snapshot").exitCode());
            String archived = guest.getXMLDesc(2);
            assertEquals(0, hvA.run("host", "mark-down", "hv-a", "--reason", "lost").exitCode());

            Cli hvB = Cli.on(db, "hv-b").with("ABIGUARD_LIBVIRT_URI", target);
            try {
                Cli.Result restore = hvB.run("restore", uuid, "--evacuate", "--from-host", "hv-a", "--yes");
                assertEquals(0, restore.exitCode(), restore::toString);
                String restored = virshOk(target, "dumpxml", "--inactive", uuid);
                List<Finding> visible = DriftEngine.compare(archived, restored).stream()
                        .filter(Finding::guestVisible).toList();
                assertEquals(List.of(), visible, "PCI addresses, machine type, CPU as archived, in another libvirtd");
                assertTrue(restored.contains("dev='vdc'"));
                assertEquals(1, db.queryLong("select count(*) from restores where result = 'defined' and target_uri = '"
                        + target + "'"));
                // The target's own pass continues the history: no guest-visible drift.
                assertEquals(0, hvB.run("snapshot").exitCode());
                assertEquals(0, hvB.run("drift", "--domain", uuid, "--exit-code").exitCode());
            } finally {
                runVirsh(target, "undefine", uuid);
            }
        }
    }

    private static boolean runVirsh(String uri, String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = uri;
        System.arraycopy(args, 0, command, 3, args.length);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor() == 0;
    }

    private static String virshOk(String uri, String... args) throws Exception {
        String[] command = new String[args.length + 4];
        command[0] = "virsh";
        command[1] = "-q";
        command[2] = "-c";
        command[3] = uri;
        System.arraycopy(args, 0, command, 4, args.length);
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }
}
