package org.abiguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: a one-line error on stderr naming the cause, exit 2, nothing written, no stack trace. */
class BadInputTest {
    private static TestDatabase db;
    private static Cli cli;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create("badinput");
        cli = Cli.on(db, "hv-bad");
        assertEquals(0, cli.run("migrate").exitCode());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static void assertOneLineError(Cli.Result result, String expected) {
        assertEquals(ExitCodes.ERROR, result.exitCode(), result::toString);
        assertEquals(1, result.stderrLines().size(), result::toString);
        assertTrue(result.stderr().contains(expected), result::toString);
        assertFalse(result.stderr().contains("\tat "), "no stack trace");
    }

    private static void assertNothingWritten() {
        assertEquals(0, db.queryLong("select count(*) from passes"));
        assertEquals(0, db.queryLong("select count(*) from domain_versions"));
        assertEquals(0, db.queryLong("select count(*) from hosts"));
    }

    @Test
    void unreachableLibvirtUri() {
        Cli.Result result = cli.run("snapshot", "--libvirt-uri", "qemu+unix:///system?socket=/nonexistent/libvirt-sock");
        assertOneLineError(result, "cannot connect to libvirt at qemu+unix:///system?socket=/nonexistent/libvirt-sock");
        assertNothingWritten();
    }

    @Test
    void unreachableDatabase() {
        Cli.Result result = cli.with("ABIGUARD_DB_URL", "jdbc:postgresql://127.0.0.1:1/abiguard").run("host", "list");
        assertOneLineError(result, "cannot connect to the database at jdbc:postgresql://127.0.0.1:1/abiguard");
    }

    @Test
    void wrongPasswordNeverShowsThePassword() {
        Cli.Result result = cli.with("ABIGUARD_DB_PASSWORD", "s3cret-wrong").run("snapshot");
        assertOneLineError(result, "password authentication failed");
        assertFalse(result.stderr().contains("s3cret-wrong"));
        assertNothingWritten();
    }

    @Test
    void passwordInTheUrlIsRedacted() {
        Cli.Result result = cli.run("host", "list", "--db-url",
                "jdbc:postgresql://127.0.0.1:1/abiguard?password=hunter2");
        assertOneLineError(result, "password=***");
        assertFalse(result.stderr().contains("hunter2"));
    }

    @Test
    void domainXmlOverTenMebibytesIsAPerDomainFailure(@TempDir Path dir) throws Exception {
        // libvirt's test driver reads a whole node from a file: a domain whose metadata makes its XML 11 MiB
        // (in 1 KiB elements: libxml2 refuses single text nodes over 10 MB).
        Path node = dir.resolve("node.xml");
        String huge = "<x:blobs xmlns:x='urn:abiguard-test'>" + ("<x:b>" + "x".repeat(1024) + "</x:b>").repeat(11 * 1024)
                + "</x:blobs>";
        Files.writeString(node, "<node><domain type='test'><name>huge</name><metadata>" + huge
                + "</metadata><memory>65536</memory><os><type>hvm</type></os></domain>"
                + "<domain type='test'><name>small</name><memory>65536</memory><os><type>hvm</type></os></domain></node>");

        try (TestDatabase own = TestDatabase.create("oversize")) {
            Cli.Result result = Cli.on(own, "hv-bad").run("snapshot", "--libvirt-uri", "test://" + node);

            // The oversize domain fails alone (logged, counted as skipped); its neighbour is archived.
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().contains("1 skipped"), result::toString);
            assertEquals(1, own.queryLong("select count(*) from domains where name = 'small'"));
            assertEquals(0, own.queryLong("select count(*) from domains where name = 'huge'"));
        }
    }

    @Test
    void invalidHostName() {
        assertOneLineError(cli.run("snapshot", "--host-name", "bad host\n"), "invalid host name");
        assertNothingWritten();
    }

    @Test
    void missingConfigFile() {
        assertOneLineError(cli.run("host", "list", "--config", "/nonexistent/abiguard.conf"),
                "config file /nonexistent/abiguard.conf does not exist");
    }

    @Test
    void unknownCommandOrOptionIsAUsageErrorWithExitTwo() {
        Cli.Result result = cli.run("snapshot", "--no-such-option");
        assertEquals(ExitCodes.ERROR, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("Unknown option"), result::toString);
    }
}
