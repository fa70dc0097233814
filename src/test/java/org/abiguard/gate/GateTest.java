package org.abiguard.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.abiguard.testing.Cli;
import org.abiguard.testing.Libvirtd;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.Virsh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/**
 * The gate on the real libvirtd: the hook installed in /etc/libvirt/hooks/qemu.d, libvirtd restarted to
 * pick it up, and every decision taken by libvirt's own start of a real guest. Afterwards the hook is removed
 * and libvirtd restarted again, so the system libvirtd is left without it.
 */
class GateTest {
    private static final Path HOOKS = Path.of("/etc/libvirt/hooks");
    private static TestDatabase db;
    private static TestGuests guests;
    private static Path stateDir;
    private static Cli cli;

    @BeforeAll
    static void installTheGate() throws Exception {
        db = TestDatabase.create("gate");
        guests = TestGuests.create("gate");
        stateDir = Files.createTempDirectory("abiguard-gate-state");
        cli = Cli.on(db, "hv-gate").with("ABIGUARD_STATE_DIR", stateDir.toString());
        String command = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp '"
                + System.getProperty("java.class.path") + "' org.abiguard.cli.Main";
        Cli.Result install = cli.run("gate", "install", "--mode", "enforce", "--command", command);
        assertEquals(0, install.exitCode(), install::toString);
        Cli.Result again = cli.run("gate", "install", "--command", command);
        assertTrue(again.stdout().contains("already installed") && again.stdout().contains("mode enforce"), again::toString);
        Libvirtd.restart();
        guests.reconnect();
        Cli.Result status = cli.run("gate", "status");
        assertTrue(status.stdout().contains("running with the hook") && status.stdout().contains("mode: enforce"), status::toString);
    }

    @AfterAll
    static void removeTheGate() throws Exception {
        try {
            assertEquals(0, cli.run("gate", "uninstall").exitCode());
            assertFalse(Files.exists(HOOKS.resolve("qemu.d")), "uninstall leaves nothing behind");
            Libvirtd.restart();
        } finally {
            guests.close();
            db.close();
        }
    }

    /** A guest as Nova writes it: root disk, config disk, NIC, balloon; {@code volume} listed after the root disk. */
    private static String nova(String name, String uuid, Path root, Path config, Path volume) {
        String xml = TestGuests.standardXml(name, root, config).replace("<name>", "<uuid>" + uuid + "</uuid><name>");
        return volume == null ? xml : xml.replace("<target dev='vda' bus='virtio'/></disk>",
                "<target dev='vda' bus='virtio'/></disk><disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                        + "<source file='" + volume + "'/><target dev='vdc' bus='virtio'/></disk>");
    }

    @Test
    void theSeedsRegenerationIsRefusedThenRepinnedAndStarts() throws Exception {
        String name = guests.name("seed");
        Path root = guests.disk("seed-root");
        Path config = guests.disk("seed-config");
        Path volume = guests.disk("seed-volume");
        Domain first = guests.define(nova(name, java.util.UUID.randomUUID().toString(), root, config, null));
        String uuid = first.getUUIDString();
        // The volume is attached later, as Nova does: it gets the next free slot, after the config disk.
        first.attachDeviceFlags("<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='"
                + volume + "'/><target dev='vdc' bus='virtio'/></disk>", 2);
        assertEquals(0, cli.run("snapshot").exitCode()); // the baseline, cached for the hook

        // Nova regenerates the XML on hard reboot with the volume listed after the root disk.
        guests.define(nova(name, uuid, root, config, volume));
        Virsh.Result refused = Virsh.run("start", name);
        assertFalse(refused.ok(), "enforce refuses the start");
        assertTrue(refused.stderr().contains("refusing to start") && refused.stderr().contains("device-address")
                && refused.stderr().contains("abiguard repin " + uuid), refused.stderr());

        assertEquals(0, cli.run("snapshot").exitCode()); // archive the regenerated definition (and import the decision)
        assertEquals(1, db.queryLong("select count(*) from gate_decisions where verdict = 'refused' and domain_uuid = '"
                + uuid + "' and judge like 'libvirt %'"), "refused on libvirt's own verdict, journalled with its judge");
        Path repinned = stateDir.resolve("repinned.xml");
        Cli.Result repin = cli.run("repin", uuid, "--out", repinned.toString());
        assertEquals(0, repin.exitCode(), repin::toString);
        assertFalse(repin.stderr().contains("only now") || repin.stderr().contains("only in the baseline"), repin::toString);
        assertTrue(repin.stderr().contains("proven by libvirt "), "libvirt's own check proved it: " + repin);
        Cli.Result drift = cli.run("drift", "--domain", uuid, "--format", "json");
        assertTrue(drift.stdout().contains("\"event\" : \"start-refused\""), drift::toString);
        assertTrue(cli.run("report").stdout().contains("start refused by the gate at"), "the report's timeline and context");
        Virsh.ok("define", repinned.toString());
        Virsh.Result started = Virsh.run("start", name);
        assertTrue(started.ok(), "the repinned definition starts: " + started);
        Virsh.ok("destroy", name);
    }

    @Test
    void warnStartsAndRecordsOffIsNotJudgedMachineTypeIsRefusedHostSideAndNewGuestsPass() throws Exception {
        String name = guests.name("modes");
        Path root = guests.disk("modes-root");
        Path config = guests.disk("modes-config");
        String uuid = guests.define(nova(name, java.util.UUID.randomUUID().toString(), root, config, null)).getUUIDString();
        assertEquals(0, cli.run("snapshot").exitCode());
        String newGuest = guests.name("brand-new"); // defined after the pass: no baseline anywhere
        guests.define(nova(newGuest, java.util.UUID.randomUUID().toString(), guests.disk("new-root"), guests.disk("new-cfg"), null));
        assertTrue(Virsh.run("start", newGuest).ok(), "a guest with no baseline starts (first boot)");
        Virsh.ok("destroy", newGuest);

        String base = Virsh.ok("dumpxml", "--inactive", name);
        guests.define(base.replace("cache='none'", "").replace("<driver name='qemu' type='raw'/>",
                "<driver name='qemu' type='raw' cache='writeback'/>"));
        assertTrue(Virsh.run("start", name).ok(), "a host-side change (cache mode) starts");
        Virsh.ok("destroy", name);

        guests.define(base.replaceAll("machine='pc-i440fx-[0-9.]+'", "machine='pc-i440fx-6.2'"));
        Virsh.Result machine = Virsh.run("start", name);
        assertFalse(machine.ok(), "a machine-type change is refused");
        assertTrue(machine.stderr().contains("machine-type"), machine.stderr());

        assertEquals(0, cli.run("gate", "set", name, "warn").exitCode());
        assertTrue(Virsh.run("start", name).ok(), "warn lets it start");
        Virsh.ok("destroy", name);
        assertEquals(0, cli.run("gate", "set", name, "off").exitCode());
        assertTrue(Virsh.run("start", name).ok(), "off: not judged");
        Virsh.ok("destroy", name);
        assertEquals(0, cli.run("gate", "set", name, "enforce").exitCode());

        // A corrupt cache: the gate fails open, loudly.
        Files.writeString(stateDir.resolve("gate").resolve("baselines").resolve(uuid + ".xml"), "<not-xml");
        Virsh.Result corrupt = Virsh.run("start", name);
        assertTrue(corrupt.ok(), "a corrupt cache never stops a guest: " + corrupt);
        Virsh.ok("destroy", name);

        assertEquals(0, cli.run("snapshot").exitCode()); // imports the journal, repairs the cache
        assertEquals(1, db.queryLong("select count(*) from gate_decisions where verdict = 'warned' and domain_uuid = '" + uuid + "'"));
        assertEquals(1, db.queryLong("select count(*) from gate_decisions where verdict = 'failed-open' and domain_uuid = '" + uuid + "'"));
        assertTrue(db.queryLong("select count(*) from gate_decisions where verdict = 'first-boot'") >= 1);
        assertEquals(1, db.queryLong("select count(*) from gate_decisions where mode = 'off' and domain_uuid = '" + uuid + "'"));
    }

    /** The archive's PostgreSQL stopped (a server of the test's own): the gate decides from its cache alone. */
    @Test
    void theGateDecidesWithThePostgresqlStopped() throws Exception {
        try (org.abiguard.testing.PrivatePostgres pg = org.abiguard.testing.PrivatePostgres.start()) {
            Cli own = new Cli(java.util.Map.of("ABIGUARD_DB_URL", pg.url(), "ABIGUARD_DB_USER", "postgres",
                    "ABIGUARD_HOST", "hv-gate", "ABIGUARD_STATE_DIR", stateDir.toString(),
                    "ABIGUARD_LIBVIRT_URI", TestGuests.URI));
            String name = guests.name("nodb");
            Path root = guests.disk("nodb-root");
            Path config = guests.disk("nodb-config");
            String uuid = guests.define(nova(name, java.util.UUID.randomUUID().toString(), root, config, null)).getUUIDString();
            assertEquals(0, own.run("snapshot").exitCode());
            pg.stopServer();

            String defined = Virsh.ok("dumpxml", "--inactive", name);
            guests.define(defined.replaceAll("machine='pc-i440fx-[0-9.]+'", "machine='pc-i440fx-6.2'"));
            Virsh.Result refused = Virsh.run("start", name);
            assertFalse(refused.ok(), "refused with the database down");
            assertTrue(refused.stderr().contains("machine-type"), refused.stderr());
            guests.define(defined);
            assertTrue(Virsh.run("start", name).ok(), "its baseline starts with the database down");
            Virsh.ok("destroy", name);

            pg.startServer();
            assertEquals(0, own.run("snapshot").exitCode());
            assertTrue(own.run("drift", "--domain", uuid).exitCode() == 0);
        }
    }

    /**
     * Thirty guests started at once under enforce, each hook asking libvirt while libvirtd's workers are busy with the
     * starts themselves: no start hangs (the hook's question is bounded), the fifteen host-side changes start, the
     * fifteen moved balloons are refused, and every decision is journalled with its judge (libvirt, or the rules
     * where libvirt could not answer in time).
     */
    @Test
    void thirtyGuestsStartedAtOnceAreEachDecidedWithinTheBoundAndJournalledWithTheirJudge() throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String name = guests.name("storm-" + i);
            names.add(name);
            guests.define("<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                    + "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><memballoon model='virtio'/></devices>"
                    + "</domain>");
        }
        assertEquals(0, cli.run("snapshot").exitCode()); // the baselines, cached for the hook
        java.util.Map<String, String> uuids = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            String name = names.get(i);
            String defined = Virsh.ok("dumpxml", "--inactive", name);
            uuids.put(name, guests.lookup(name).getUUIDString());
            guests.define(i % 2 == 0 ? defined.replace("<on_crash>destroy</on_crash>", "<on_crash>restart</on_crash>")
                    : org.abiguard.testing.XmlEdit.apply(defined,
                            e -> e.set("/domain/devices/memballoon/address", "slot", "0x09")));
        }
        java.util.List<Process> starts = new java.util.ArrayList<>();
        for (String name : names) {
            starts.add(new ProcessBuilder("virsh", "-c", TestGuests.URI, "start", name).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        try {
            for (int i = 0; i < 30; i++) {
                // A hang guard, not a timing assertion: a start the hook deadlocked would never end.
                assertTrue(starts.get(i).waitFor(300, java.util.concurrent.TimeUnit.SECONDS), names.get(i) + " never ended");
                assertEquals(i % 2 == 0 ? 0 : 1, starts.get(i).exitValue(),
                        names.get(i) + (i % 2 == 0 ? ": a host-side change starts" : ": a moved balloon is refused"));
            }
        } finally {
            for (int i = 0; i < 30; i += 2) {
                Virsh.run("destroy", names.get(i));
            }
        }
        assertEquals(0, cli.run("snapshot").exitCode()); // imports the journal
        String list = String.join("','", uuids.values());
        assertEquals(30, db.queryLong("select count(distinct domain_uuid) from gate_decisions where domain_uuid in ('"
                + list + "') and (judge like 'libvirt %' or judge = 'rules')"), "every decision with its judge");
        assertEquals(15, db.queryLong("select count(*) from gate_decisions where domain_uuid in ('" + list
                + "') and verdict = 'refused'"));
    }
}
