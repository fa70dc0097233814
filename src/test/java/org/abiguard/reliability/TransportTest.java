package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.abiguard.testing.AbiguardProcess;
import org.abiguard.testing.Cli;
import org.abiguard.testing.PrivatePostgres;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection to the archive and its secret: TLS verified against a test CA on a real PostgreSQL, a remote
 * URL without verify-full warned about (refused with --require-tls), the password from a file or a systemd
 * credential instead of a flag everyone sees in ps.
 */
class TransportTest {
    @TempDir
    Path dir;

    private Cli cli(String url) {
        return new Cli(Map.of("ABIGUARD_DB_URL", url, "ABIGUARD_HOST", "hv-tls", "ABIGUARD_LIBVIRT_URI", TestGuests.URI,
                "ABIGUARD_STATE_DIR", dir.resolve("state").toString()));
    }

    @Test
    void verifiedTlsToAServerSignedByTheTestCa() throws Exception {
        Path certs = dir.resolve("certs");
        try (PrivatePostgres pg = PrivatePostgres.startWithTls(certs)) {
            String url = "jdbc:postgresql://localhost:" + pg.port() + "/abiguard?user=postgres&sslmode=verify-full&sslrootcert="
                    + certs.resolve("ca.crt");
            Cli.Result migrate = cli(url).run("--require-tls", "migrate");
            assertEquals(0, migrate.exitCode(), migrate::toString);
            try (Connection c = DriverManager.getConnection(url);
                 ResultSet rs = c.createStatement().executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
                assertTrue(rs.next() && rs.getBoolean(1), "the session is encrypted");
            }

            Path otherCa = dir.resolve("other");
            try (PrivatePostgres unused = PrivatePostgres.startWithTls(otherCa)) {
                Cli.Result wrongCa = cli(url.replace(certs.resolve("ca.crt").toString(), otherCa.resolve("ca.crt").toString()))
                        .run("migrate");
                assertEquals(2, wrongCa.exitCode(), wrongCa::toString);
                assertTrue(wrongCa.stderr().contains("cannot connect"), wrongCa::toString);
                assertEquals(1, wrongCa.stderrLines().size(), wrongCa::toString);
            }
        }
    }

    private static String ownAddress() throws Exception {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        throw new IllegalStateException("this machine has no non-loopback IPv4 address");
    }

    @Test
    void aRemoteUrlWithoutVerifyFullIsWarnedAboutOrRefused() throws Exception {
        // Port 1 of this machine's own address: remote as far as the URL says, and nothing listens there.
        String remote = "jdbc:postgresql://" + ownAddress() + ":1/abiguard?user=x&sslmode=require";
        Cli.Result refused = cli(remote).run("--require-tls", "migrate");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("refused (--require-tls): the archive database at " + ownAddress()
                + " is reached with sslmode=require"), refused::toString);
        assertFalse(refused.stderr().contains("cannot connect"), "refused before connecting");

        AbiguardProcess.Result warned = AbiguardProcess.run(Map.of("ABIGUARD_DB_URL", remote.replace("&sslmode=require", ""),
                "ABIGUARD_STATE_DIR", dir.resolve("state").toString()), List.of(), "--db-password", "visible-in-ps", "migrate");
        assertEquals(2, warned.exitCode(), warned::toString);
        assertTrue(warned.output().contains("[WARN]") && warned.output().contains("is reached with sslmode=prefer"), warned.output());
        assertTrue(warned.output().contains("--db-password is visible to every local user"), warned.output());
    }

    @Test
    void thePasswordFromAFileOrASystemdCredential() throws Exception {
        try (TestDatabase db = TestDatabase.create("secret")) {
            Path file = dir.resolve("db-password");
            org.abiguard.testing.Secrets.write(file, TestDatabase.PASSWORD);
            Cli base = new Cli(Map.of("ABIGUARD_DB_URL", db.url(), "ABIGUARD_DB_USER", TestDatabase.USER,
                    "ABIGUARD_HOST", "hv-secret", "ABIGUARD_STATE_DIR", dir.resolve("state").toString()));
            Cli.Result fromFile = base.run("--db-password-file", file.toString(), "migrate");
            assertEquals(0, fromFile.exitCode(), fromFile::toString);
            Cli.Result fromCredential = base.with("CREDENTIALS_DIRECTORY", dir.toString()).run("host", "list");
            assertEquals(0, fromCredential.exitCode(), fromCredential::toString);
            Cli.Result without = base.run("host", "list");
            assertEquals(2, without.exitCode(), "no password, no login: " + without);
            Cli.Result missing = base.run("--db-password-file", dir.resolve("absent").toString(), "host", "list");
            assertEquals(2, missing.exitCode(), missing::toString);
            assertTrue(missing.stderr().contains("cannot read the database password file"), missing::toString);

            // A password file others can read (what `openssl rand ... > file` makes under umask 022) is refused.
            Path readable = Files.writeString(dir.resolve("readable-password"), TestDatabase.PASSWORD + "\n");
            Files.setPosixFilePermissions(readable, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Cli.Result refused = base.run("--db-password-file", readable.toString(), "host", "list");
            assertEquals(2, refused.exitCode(), refused::toString);
            assertEquals(1, refused.stderrLines().size(), refused::toString);
            assertTrue(refused.stderr().contains("is readable by group or others") && refused.stderr().contains(
                    "chmod 600 " + readable), refused::toString);
        }
    }

    @Test
    void aHostLoginCanAuthenticateWithAClientCertificateInsteadOfAPassword() throws Exception {
        Path certs = dir.resolve("certs");
        String login = "t_cert_host";
        try (PrivatePostgres pg = PrivatePostgres.startWithTls(certs); TestGuests guests = TestGuests.create("tls")) {
            // The pass must write a version for the assertion below to mean anything: this test's own guest.
            guests.defineStandard("a");
            String tls = "jdbc:postgresql://localhost:" + pg.port() + "/abiguard?sslmode=verify-full&sslrootcert="
                    + certs.resolve("ca.crt");
            Path secret = org.abiguard.testing.Secrets.write(dir.resolve("unused-password"), "a-password-nobody-uses-here");
            Cli owner = cli(tls + "&user=postgres");
            Cli.Result grant = owner.run("db", "grant-host", "hv-tls", "--login", login, "--password-file", secret.toString());
            assertEquals(0, grant.exitCode(), grant::toString);
            // This login authenticates by certificate only (CN = login name); its password is refused.
            pg.prependHba("hostssl all " + login + " 127.0.0.1/32 cert\nhost all " + login + " 127.0.0.1/32 reject");
            PrivatePostgres.clientCertificate(certs, login);
            String withCertificate = tls + "&user=" + login + "&sslcert=" + certs.resolve(login + ".crt") + "&sslkey="
                    + certs.resolve(login + ".pk8");
            Cli.Result snapshot = cli(withCertificate).run("snapshot");
            assertEquals(0, snapshot.exitCode(), snapshot::toString);
            try (Connection c = DriverManager.getConnection(tls + "&user=postgres");
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from passes p join hosts h on h.id = p.host_id "
                         + "where h.name = 'hv-tls' and exists (select 1 from domain_versions v where v.pass_id = p.id "
                         + "and v.written_by = '" + login + "')")) {
                assertTrue(rs.next() && rs.getLong(1) == 1, "the pass was written by the certificate's login");
            }
            Cli.Result byPassword = cli(tls + "&user=" + login).with("ABIGUARD_DB_PASSWORD_FILE", secret.toString()).run("snapshot");
            assertEquals(2, byPassword.exitCode(), byPassword::toString);
        }
    }
}
