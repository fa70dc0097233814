package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** scripts/db-roles.sql: the agent appends but cannot delete or rewrite; the reader reads; the operator decides. */
class RolesTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String AGENT = "t_agent_" + SUFFIX;
    private static final String READER = "t_reader_" + SUFFIX;
    private static final String OPERATOR = "t_operator_" + SUFFIX;
    private static TestDatabase db;
    private static TestGuests guests;
    private static String domain;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create("roles");
        guests = TestGuests.create("roles");
        domain = guests.defineStandard("g").getName();
        assertEquals(0, Cli.on(db, "hv-roles").run("migrate").exitCode());
        admin(Files.readString(Path.of("scripts/db-roles.sql")));
        admin(Files.readString(Path.of("scripts/db-roles.sql")));  // idempotent
        admin("create role " + AGENT + " login password 'agent-pw' in role abiguard_agent");
        admin("create role " + READER + " login password 'reader-pw' in role abiguard_reader");
        admin("create role " + OPERATOR + " login password 'operator-pw' in role abiguard_operator");
    }

    @AfterAll
    static void tearDown() throws Exception {
        guests.close();
        db.close();
        try (Connection c = DriverManager.getConnection(db.url().replaceAll("/[^/]+$", "/postgres"), TestDatabase.USER,
                TestDatabase.PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop role if exists " + AGENT + ", " + READER + ", " + OPERATOR);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), TestDatabase.USER, TestDatabase.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Cli as(String user, String password) {
        return Cli.on(db, "hv-roles").with("ABIGUARD_DB_USER", user).with("ABIGUARD_DB_PASSWORD", password);
    }

    private static void execAs(String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void agentArchivesButCannotDeleteOrRewriteHistory() throws Exception {
        Cli.Result snapshot = as(AGENT, "agent-pw").run("snapshot");
        assertEquals(0, snapshot.exitCode(), snapshot::toString);
        assertTrue(db.queryLong("select count(*) from domain_versions") > 0);

        for (String forbidden : new String[] {"delete from domain_versions", "update domain_versions set xml = '<domain/>'",
                "update domain_versions set sha256 = 'x'", "delete from passes", "delete from domains",
                "update hosts set marked_down_at = now()", "truncate domain_versions",
                "insert into baselines (domain_id, version, accepted_by, reason) select domain_id, version, 'x', 'y' "
                        + "from domain_versions limit 1"}) {
            SQLException e = assertThrows(SQLException.class, () -> execAs(AGENT, "agent-pw", forbidden), forbidden);
            assertTrue(e.getMessage().contains("permission denied"), forbidden + ": " + e.getMessage());
        }
        // A real change to accept, archived by the agent itself.
        guests.define(guests.lookup(domain).getXMLDesc(2).replaceAll("<vcpu placement='static'>\\d</vcpu>",
                "<vcpu placement='static'>2</vcpu>"));
        assertEquals(0, as(AGENT, "agent-pw").run("snapshot").exitCode());
        Cli.Result accept = as(AGENT, "agent-pw").run("accept", domain, "--reason", "not the agent's call");
        assertEquals(2, accept.exitCode(), accept::toString);
        assertTrue(accept.stderr().contains("permission denied"), accept::toString);
    }

    @Test
    void readerReadsAndWritesNothing() throws Exception {
        assertEquals(0, as(AGENT, "agent-pw").run("snapshot").exitCode());
        Cli.Result report = as(READER, "reader-pw").run("report", "--format", "json");
        assertEquals(0, report.exitCode(), report::toString);
        Cli.Result snapshot = as(READER, "reader-pw").run("snapshot");
        assertEquals(2, snapshot.exitCode(), snapshot::toString);
        assertTrue(snapshot.stderr().contains("database error, nothing written: ERROR: permission denied"), snapshot::toString);
    }

    @Test
    void operatorAcceptsAndMarksHostsDown() throws Exception {
        guests.define(guests.lookup(domain).getXMLDesc(2).replaceAll("<vcpu placement='static'>\\d</vcpu>",
                "<vcpu placement='static'>3</vcpu>"));
        assertEquals(0, as(AGENT, "agent-pw").run("snapshot").exitCode());
        Cli.Result accept = as(OPERATOR, "operator-pw").run("accept", domain, "--reason", "ok");
        assertEquals(0, accept.exitCode(), accept::toString);
        assertTrue(accept.stdout().startsWith("accepted version"), accept::toString);
        Cli.Result down = as(OPERATOR, "operator-pw").run("host", "mark-down", "hv-roles", "--reason", "drill");
        assertEquals(0, down.exitCode(), down::toString);
    }
}
