package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One database login per host (db grant-host), bound to its host's rows by row-level security: the attacks
 * of a compromised hypervisor (hv-c) on another host's history (hv-b), each refused by the database itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostLoginsTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String HV_B = "t_hvb_" + SUFFIX;
    private static final String HV_C = "t_hvc_" + SUFFIX;
    private static final String PASSWORD_B = "hv-b-password-" + SUFFIX + "-long";
    private static final String PASSWORD_C = "hv-c-password-" + SUFFIX + "-long";
    private static TestDatabase db;
    private static TestGuests guests;
    private static String domainUuid;
    @TempDir
    static Path state;

    @BeforeAll
    static void grantAndArchive() throws Exception {
        db = TestDatabase.create("logins");
        guests = TestGuests.create("logins");
        domainUuid = guests.defineStandard("victim").getUUIDString();
        Cli owner = owner("hv-b");
        assertEquals(0, owner.run("migrate").exitCode());
        Cli.Result b = owner.run("db", "grant-host", "hv-b", "--login", HV_B, "--password-file", secret("b", PASSWORD_B));
        assertEquals(0, b.exitCode(), b::toString);
        assertTrue(b.stdout().contains("login " + HV_B + " created"), b::toString);
        Cli.Result c = owner.run("db", "grant-host", "hv-c", "--login", HV_C, "--password-file", secret("c", PASSWORD_C));
        assertEquals(0, c.exitCode(), c::toString);
        Cli.Result snapshot = as(HV_B, PASSWORD_B, "hv-b").run("snapshot");
        assertEquals(0, snapshot.exitCode(), snapshot::toString);
    }

    @AfterAll
    static void tearDown() throws Exception {
        guests.close();
        db.close();
        try (Connection c = DriverManager.getConnection(db.url().replaceAll("/[^/]+$", "/postgres"), TestDatabase.USER,
                TestDatabase.PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop role if exists " + HV_B + ", " + HV_C);
        }
    }

    private static Cli owner(String host) {
        return Cli.on(db, host).with("ABIGUARD_STATE_DIR", state.resolve("owner").toString());
    }

    private static Cli as(String login, String password, String host) {
        return Cli.on(db, host).with("ABIGUARD_DB_USER", login).with("ABIGUARD_DB_PASSWORD", password)
                .with("ABIGUARD_STATE_DIR", state.resolve(login).toString());
    }

    private static String secret(String name, String password) throws Exception {
        Path file = state.resolve("password-" + name);
        org.abiguard.testing.Secrets.write(file, password);
        return file.toString();
    }

    private static long hvC(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), HV_C, PASSWORD_C); Statement s = c.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
            return s.getUpdateCount();
        }
    }

    private static long hostId(String name) {
        return db.queryLong("select id from hosts where name = '" + name + "'");
    }

    @Test
    @Order(2)
    void anotherHostsLoginCannotWriteThisHostsHistory() {
        long b = hostId("hv-b");
        long c = hostId("hv-c");
        long domain = db.queryLong("select id from domains where uuid = '" + domainUuid + "'");
        long pass = db.queryLong("select max(id) from passes where host_id = " + b);
        String poison = "<domain type=\"qemu\" xmlns:qemu=\"http://libvirt.org/schemas/domain/qemu/1.0\"><name>x</name>"
                + "<qemu:commandline><qemu:arg value=\"-fw_cfg\"/><qemu:arg value=\"name=opt/x,file=/etc/shadow\"/>"
                + "</qemu:commandline></domain>";
        for (String insert : new String[] {
                "insert into domain_versions (domain_id, version, kind, sha256, xml, first_seen, host_id, pass_id) values ("
                        + domain + ", 99, 'inactive', 'x', '" + poison + "', now(), " + b + ", " + pass + ")",
                "insert into domain_versions (domain_id, version, kind, sha256, xml, first_seen, host_id, pass_id) values ("
                        + domain + ", 99, 'inactive', 'x', '" + poison + "', now(), " + c + ", " + pass + ")",
                "insert into host_facts (host_id, facts_sha256, libvirt_uri, libvirt_version, hypervisor_type, "
                        + "hypervisor_version) values (" + b + ", 'x', 'qemu:///system', '1', 'QEMU', '1')",
                "insert into passes (host_id, started_at, finished_at, duration_ms, domains_seen, domains_running, "
                        + "versions_added, domains_gone, domains_skipped, outcome) values (" + b + ", now(), now(), 0, 0, 0, 0, 0, 0, 'ok')",
                "insert into domains (uuid, name, host_id) values (gen_random_uuid(), 'forged', " + b + ")",
                "insert into domain_moves (domain_id, from_host_id, to_host_id) values (" + domain + ", " + b + ", " + c + ")",
                // libvirt's verdict on another host's guest, as that host or as itself
                "insert into abi_verdicts (domain_id, baseline_version, observed_version, outcome, judge, host_id) values ("
                        + domain + ", 1, 99, 'accepted', 'libvirt 9.0.0', " + b + ")",
                "insert into abi_verdicts (domain_id, baseline_version, observed_version, outcome, judge, host_id) values ("
                        + domain + ", 1, 99, 'accepted', 'libvirt 9.0.0', " + c + ")",
                // Quartz's job store, whose blobs every fleet daemon reads back
                "insert into qrtz_locks (sched_name, lock_name) values ('abiguard-fleet', 'planted')",
                "update qrtz_locks set lock_name = 'x'", "delete from qrtz_locks"}) {
            SQLException e = assertThrows(SQLException.class, () -> hvC(insert), insert);
            assertTrue(e.getMessage().contains("row-level security") || e.getMessage().contains("permission denied")
                    || e.getMessage().contains("archives with its own database login"), insert + ": " + e.getMessage());
        }
        for (String update : new String[] {
                "update domains set host_id = " + c + " where id = " + domain,
                "update domains set gone_since = now(), name = 'renamed' where id = " + domain,
                "update hosts set last_heartbeat_at = '2000-01-01' where id = " + b,
                "update hosts set last_pass_at = now() + interval '1 year' where id = " + b,
                "update domain_versions set last_seen = now() where domain_id = " + domain}) {
            assertDoesNothing(update);
        }
        assertEquals(b, db.queryLong("select host_id from domains where id = " + domain));
        assertEquals(0, db.queryLong("select count(*) from domains where gone_since is not null or name = 'renamed'"));
        assertEquals(0, db.queryLong("select count(*) from domain_versions where version = 99"));
        assertEquals(1, db.queryLong("select count(*) from hosts where id = " + b + " and last_heartbeat_at > now() - interval '1 hour'"));
    }

    @Test
    @Order(7)
    void aHostLoginsPassArchivesLibvirtsVerdictOnItsOwnGuest() throws Exception {
        org.libvirt.Domain own = guests.defineStandard("judged");
        Cli hvB = as(HV_B, PASSWORD_B, "hv-b");
        Cli.Result first = hvB.run("snapshot");
        assertEquals(0, first.exitCode(), first::toString);
        guests.define(org.abiguard.testing.XmlEdit.apply(own.getXMLDesc(2),
                e -> e.set("/domain/devices/memballoon/address", "slot", "0x09")));
        Cli.Result snapshot = hvB.run("snapshot");
        assertEquals(0, snapshot.exitCode(), snapshot::toString);
        assertEquals(1, db.queryLong("select count(*) from abi_verdicts v join domains d on d.id = v.domain_id where d.uuid = '"
                + own.getUUIDString() + "' and v.outcome = 'refused' and v.judged_by = '" + HV_B + "' and v.host_id = "
                + hostId("hv-b")), () -> "judged by the host's own login, as its host: " + snapshot);
    }

    private static void assertDoesNothing(String update) {
        try {
            assertEquals(0, hvC(update), update);
        } catch (SQLException e) {
            assertTrue(e.getMessage().contains("permission denied"), update + ": " + e.getMessage());
        }
    }

    @Test
    @Order(1)
    void anotherHostsLoginReadsNothingOfThisHost() throws Exception {
        assertTrue(db.queryLong("select count(*) from domain_versions") > 0);
        // hv-c has archived nothing yet (its pass comes in the last test): every row here is another host's.
        for (String table : new String[] {"domain_versions", "domains", "passes", "host_facts", "domain_moves",
                "baselines", "restores", "gate_decisions"}) {
            assertEquals(0, hvC("select count(*) from " + table), table);
        }
        assertEquals(1, hvC("select count(*) from hosts"), "only its own host row");
        // Its own heartbeat, forward-dated: the database's clock, and no pass invented.
        assertEquals(1, hvC("update hosts set last_heartbeat_at = now() + interval '1 day' where name = 'hv-c'"));
        assertEquals(1, db.queryLong("select count(*) from hosts where name = 'hv-c' and last_pass_at is null "
                + "and last_heartbeat_at <= now()"));
        Cli.Result list = owner("hv-b").run("host", "list");
        assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith("hv-b ") && l.contains(HV_B)), list::toString);
    }

    @Test
    @Order(3)
    void aLoginIsItsHostOnly() {
        for (String other : new String[] {"hv-d", "hv-b"}) {
            Cli.Result result = as(HV_C, PASSWORD_C, other).run("snapshot");
            assertEquals(2, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("is the host login of hv-c, but this run is for host " + other), result::toString);
            assertEquals(1, result.stderrLines().size(), result::toString);
        }
        Cli.Result ownerAsB = owner("hv-b").run("snapshot");
        assertEquals(2, ownerAsB.exitCode(), ownerAsB::toString);
        assertTrue(ownerAsB.stderr().contains("host hv-b archives with its own database login"), ownerAsB::toString);
    }

    @Test
    @Order(4)
    void anotherHostsLoginCannotHoldThisHostsAudit() throws Exception {
        // The keys the audit lock and the pass lock used to be: any login could take them and starve hv-b.
        try (Connection c = DriverManager.getConnection(db.url(), HV_C, PASSWORD_C); Statement s = c.createStatement()) {
            s.execute("select pg_advisory_lock(hashtext('abiguard-audit:hv-b'))");
            s.execute("select pg_advisory_lock(hashtext('abiguard-pass:hv-b'))");
            org.postgresql.ds.PGSimpleDataSource asC = new org.postgresql.ds.PGSimpleDataSource();
            asC.setURL(db.url());
            asC.setUser(HV_C);
            asC.setPassword(PASSWORD_C);
            RuntimeException refused = assertThrows(RuntimeException.class, () -> org.abiguard.archive.ArchiveLock.tryAcquire(
                    asC, org.abiguard.archive.ArchiveLock.auditOf(hostId("hv-b")), hostId("hv-b"), java.time.Duration.ZERO));
            assertTrue(refused.getMessage().contains("row-level security"), refused.getMessage());
            Cli.Result audit = as(HV_B, PASSWORD_B, "hv-b").run("audit", "--lock-wait", "0s");
            assertEquals(0, audit.exitCode(), audit::toString);
            assertFalse(audit.stdout().contains("skipped"), audit::toString);
        }
    }

    @Test
    @Order(6)
    void aDomainMovesInOnlyOnceItsHostLetGo() {
        Cli.Result held = as(HV_C, PASSWORD_C, "hv-c").run("snapshot");
        assertEquals(0, held.exitCode(), held::toString);
        assertEquals(hostId("hv-b"), db.queryLong("select host_id from domains where uuid = '" + domainUuid + "'"),
                "hv-c sees the same libvirtd, but hv-b has not released the domain");
        assertEquals(0, db.queryLong("select count(*) from domain_moves"));

        assertEquals(0, owner("hv-b").run("host", "mark-down", "hv-b", "--reason", "drill").exitCode());
        Cli.Result moved = as(HV_C, PASSWORD_C, "hv-c").run("snapshot");
        assertEquals(0, moved.exitCode(), moved::toString);
        assertEquals(hostId("hv-c"), db.queryLong("select host_id from domains where uuid = '" + domainUuid + "'"));
        assertTrue(db.queryLong("select count(*) from domain_moves") > 0);
        db.jdbi().useHandle(h -> h.execute("update hosts set marked_down_at = null, marked_down_reason = null"));
    }

    @Test
    @Order(4)
    void aHostLoginsDaemonArchivesAndRunsNoFleetJobs() throws Exception {
        org.abiguard.config.Config config = new org.abiguard.config.Config(java.util.Optional.of(db.url()),
                java.util.Optional.of(HV_B), java.util.Optional.of(PASSWORD_B), java.util.List.of(TestGuests.URI), "hv-b",
                state.resolve("daemon-b"), java.util.Optional.empty());
        long passesBefore = db.queryLong("select count(*) from passes where host_id = " + hostId("hv-b"));
        try (org.abiguard.archive.Database database = org.abiguard.archive.Database.open(config)) {
            org.abiguard.schedule.Daemon daemon = new org.abiguard.schedule.Daemon(config, database,
                    new org.abiguard.schedule.DaemonSettings(java.time.Duration.ofHours(1), java.time.Duration.ofSeconds(30),
                            java.time.Duration.ofDays(90), java.time.Duration.ofSeconds(1), false, java.util.Optional.empty(),
                            java.time.Duration.ZERO));
            daemon.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (db.queryLong("select count(*) from passes where host_id = " + hostId("hv-b")) == passesBefore) {
                assertTrue(System.nanoTime() < deadline, "the daemon's first audit archived hv-b");
                Thread.sleep(200);
            }
            Thread.sleep(3_000); // three fleet intervals
            daemon.close();
            assertEquals(0, daemon.fleetRuns(), "no fleet job ran under a host login");
        }
        assertEquals(0, db.queryLong("select count(*) from qrtz_scheduler_state"), "it never joined the Quartz cluster");
    }

    @Test
    @Order(5)
    void rotatingAndRevokingALogin() throws Exception {
        String rotated = "hv-c-rotated-" + SUFFIX + "-password";
        Cli.Result rotate = owner("hv-c").run("db", "grant-host", "hv-c", "--login", HV_C, "--password-file",
                secret("c2", rotated));
        assertEquals(0, rotate.exitCode(), rotate::toString);
        assertTrue(rotate.stdout().contains("password rotated"), rotate::toString);
        assertThrows(SQLException.class, () -> DriverManager.getConnection(db.url(), HV_C, PASSWORD_C).close());
        DriverManager.getConnection(db.url(), HV_C, rotated).close();

        Cli.Result reused = owner("hv-d").run("db", "grant-host", "hv-d", "--login", HV_C, "--password-file",
                secret("d", rotated));
        assertEquals(2, reused.exitCode(), reused::toString);
        assertTrue(reused.stderr().contains("host login of another host"), reused::toString);
        Cli.Result tooShort = owner("hv-d").run("db", "grant-host", "hv-d", "--login", "t_short", "--password-file",
                secret("short", "short"));
        assertEquals(2, tooShort.exitCode(), tooShort::toString);

        Cli.Result embedded = new Cli(java.util.Map.of("ABIGUARD_STATE_DIR", state.resolve("embedded").toString(),
                "ABIGUARD_HOST", "hv-e")).run("db", "grant-host", "hv-e", "--login", "t_embedded", "--password-file",
                secret("e", rotated));
        assertEquals(2, embedded.exitCode(), embedded::toString);
        assertTrue(embedded.stderr().contains("host logins are for an archive shared by a fleet"), embedded::toString);

        Cli.Result revoke = owner("hv-c").run("db", "revoke-host", "hv-c");
        assertEquals(0, revoke.exitCode(), revoke::toString);
        SQLException gone = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.url(), HV_C, rotated).close());
        assertTrue(gone.getMessage().contains("password authentication failed") || gone.getMessage().contains("not permitted"),
                gone.getMessage());
        assertEquals(2, owner("hv-c").run("db", "revoke-host", "hv-c").exitCode(), "nothing left to revoke");
        // Re-granted under the same name for the same host: it archives again.
        Cli.Result again = owner("hv-c").run("db", "grant-host", "hv-c", "--login", HV_C, "--password-file",
                secret("c3", PASSWORD_C));
        assertEquals(0, again.exitCode(), again::toString);
    }
}
