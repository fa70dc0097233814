package org.abiguard.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.abiguard.cli.ExitCodes;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.Virsh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Domain;

/**
 * Restore defines only what the source host's own login archived, unchanged since, and nothing reaching beyond
 * the guest's virtual hardware that its first archived version did not have: a poisoned or tampered version is
 * refused before libvirt is asked anything.
 */
class PoisonedRestoreTest {
    private static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String hostLogin = "t_hva_" + suffix;
    private final String loosAgent = "t_agent_" + suffix;
    private final String password = "hv-a-password-" + suffix + "-long";
    private TestDatabase db;
    private TestGuests guests;
    private Cli owner;
    @TempDir
    Path state;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create("poison");
        guests = TestGuests.create("poison");
        owner = Cli.on(db, "hv-b").with("ABIGUARD_STATE_DIR", state.resolve("owner").toString());
        assertEquals(0, owner.run("migrate").exitCode());
        Path secret = state.resolve("secret");
        org.abiguard.testing.Secrets.write(secret, password);
        Cli.Result grant = owner.run("db", "grant-host", "hv-a", "--login", hostLogin, "--password-file", secret.toString());
        assertEquals(0, grant.exitCode(), grant::toString);
        admin("create role " + loosAgent + " login password 'agent-password' in role abiguard_agent");
    }

    @AfterEach
    void tearDown() throws Exception {
        guests.close();
        db.close();
        try (Connection c = DriverManager.getConnection(db.url().replaceAll("/[^/]+$", "/postgres"), TestDatabase.USER,
                TestDatabase.PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop role if exists " + hostLogin + ", " + loosAgent);
        }
    }

    private void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), TestDatabase.USER, TestDatabase.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Cli hvA() {
        return Cli.on(db, "hv-a").with("ABIGUARD_DB_USER", hostLogin).with("ABIGUARD_DB_PASSWORD", password)
                .with("ABIGUARD_STATE_DIR", state.resolve("hv-a").toString());
    }

    /** Archives {@code guest} as hv-a, then hv-a is lost: the guest is gone here, the host marked down. */
    private String archiveAndLose(Domain guest) throws Exception {
        Cli.Result snapshot = hvA().run("snapshot");
        assertEquals(0, snapshot.exitCode(), snapshot::toString);
        String uuid = guest.getUUIDString();
        guest.undefine();
        assertEquals(0, owner.run("host", "mark-down", "hv-a", "--reason", "lost").exitCode());
        return uuid;
    }

    private Cli.Result restore(String uuid, String... extra) {
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"restore", uuid, "--evacuate", "--from-host", "hv-a", "--dry-run"}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        return owner.run(args);
    }

    private static String withCommandLine(String xml, String argument) {
        return xml.replaceFirst("<domain type='qemu'>", "<domain type='qemu' xmlns:qemu='" + QEMU_NS + "'>")
                .replace("</domain>", "<qemu:commandline><qemu:arg value='" + argument + "'/></qemu:commandline></domain>");
    }

    @Test
    void aVersionWrittenByAnotherLoginIsRefused() throws Exception {
        Domain guest = guests.defineStandard("poisoned");
        String uuid = archiveAndLose(guest);
        long domain = db.queryLong("select id from domains where uuid = '" + uuid + "'");
        // A login in abiguard_agent that is not hv-a's host login writes a newer version "from hv-a".
        try (Connection c = DriverManager.getConnection(db.url(), loosAgent, "agent-password"); Statement s = c.createStatement()) {
            s.execute("insert into domain_versions (domain_id, version, kind, sha256, xml, first_seen, host_id, pass_id) "
                    + "select domain_id, 50, kind, sha256, replace(replace(xml, '<domain type=''qemu''>', "
                    + "'<domain type=''qemu'' xmlns:qemu=''" + QEMU_NS + "''>'), '</domain>', "
                    + "'<qemu:commandline><qemu:arg value=''-fw_cfg''/><qemu:arg value=''name=opt/x,file=/etc/shadow''/>"
                    + "</qemu:commandline></domain>'), now(), host_id, pass_id from domain_versions where domain_id = "
                    + domain + " and version = 1");
        }
        Cli.Result result = restore(uuid);
        assertEquals(ExitCodes.ERROR, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("[FAIL] provenance: version 50 was written by login " + loosAgent
                + ", which is not the host login of hv-a"), result::toString);
        assertTrue(result.stdout().contains("[FAIL] constructs:") && result.stdout().contains("qemu:commandline"), result::toString);
        assertFalse(Virsh.run("dominfo", uuid).ok(), "nothing was defined");
        assertEquals(1, db.queryLong("select count(*) from restores where result = 'refused'"));
    }

    @Test
    void aVersionChangedAfterItWasArchivedIsRefused() throws Exception {
        String uuid = archiveAndLose(guests.defineStandard("tampered"));
        admin("alter table domain_versions disable trigger domain_versions_immutable");
        admin("update domain_versions set xml = replace(xml, '</devices>', '<hostdev mode=''subsystem'' type=''pci''>"
                + "<source><address domain=''0'' bus=''3'' slot=''0'' function=''0''/></source></hostdev></devices>')");
        Cli.Result result = restore(uuid);
        assertEquals(ExitCodes.ERROR, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("[FAIL] provenance: version 1's XML does not match the digest"), result::toString);
        assertFalse(Virsh.run("dominfo", uuid).ok(), "nothing was defined");
    }

    @Test
    void aConstructTheFirstVersionLackedNeedsAllow() throws Exception {
        Domain guest = guests.defineStandard("grown");
        hvA().run("snapshot");
        guests.define(withCommandLine(guest.getXMLDesc(2), "-no-user-config"));
        String uuid = archiveAndLose(guest);
        Cli.Result refused = restore(uuid);
        assertEquals(ExitCodes.ERROR, refused.exitCode(), refused::toString);
        assertTrue(refused.stdout().contains("[ok] provenance: version 2 was written by " + hostLogin), refused::toString);
        assertTrue(refused.stdout().contains("[FAIL] constructs: it carries what its first archived version did not")
                && refused.stdout().contains("[--allow custom-namespace]"), refused::toString);

        Cli.Result allowed = restore(uuid, "--allow", "custom-namespace");
        assertEquals(ExitCodes.OK, allowed.exitCode(), allowed::toString);
        assertTrue(allowed.stdout().contains("[ok] constructs:") && allowed.stdout().contains("allowed: custom-namespace"),
                allowed::toString);
        assertEquals(ExitCodes.ERROR, restore(uuid, "--allow", "everything").exitCode());
    }

    @Test
    void aConstructInTheFirstVersionIsTheGuestsOwn() throws Exception {
        Domain guest = guests.define(withCommandLine(TestGuests.standardXml(guests.name("born"), guests.disk("born-root"),
                guests.disk("born-data")), "-no-user-config"));
        hvA().run("snapshot");
        guests.define(guest.getXMLDesc(2).replaceAll("<vcpu placement='static'>\\d</vcpu>", "<vcpu placement='static'>2</vcpu>"));
        String uuid = archiveAndLose(guest);
        Cli.Result result = restore(uuid);
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("[ok] constructs: no namespace, host device"), result::toString);
    }

    @Test
    void aHostDeviceThatIsNotABlockDeviceIsRefusedEvenWhenAllowed() throws Exception {
        Domain guest = guests.defineStandard("blockdev");
        hvA().run("snapshot");
        guests.define(guest.getXMLDesc(2).replace("</devices>", "<disk type='block' device='disk'><driver name='qemu' "
                + "type='raw'/><source dev='/dev/null'/><target dev='vdz' bus='virtio'/></disk></devices>"));
        String uuid = archiveAndLose(guest);
        Cli.Result refused = restore(uuid);
        assertTrue(refused.stdout().contains("[FAIL] constructs:") && refused.stdout().contains("disk on host device /dev/null"),
                refused::toString);
        Cli.Result allowed = restore(uuid, "--allow", "host-block-device");
        assertEquals(ExitCodes.ERROR, allowed.exitCode(), allowed::toString);
        assertTrue(allowed.stdout().contains("[ok] constructs:"), allowed::toString);
        assertTrue(allowed.stdout().contains("[FAIL] storage: /dev/null exists but is not a block device"), allowed::toString);
    }
}
