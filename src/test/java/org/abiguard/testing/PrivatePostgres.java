package org.abiguard.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 server of one test's own (initdb in a temporary directory, its own port), so outage
 * tests can stop and start a real server without touching the cluster the rest of the suite shares.
 * Runs as the postgres user; trust authentication on loopback only (a throwaway test cluster).
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private final Path dataDir;
    private final int port;

    private PrivatePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * A server with TLS: a test CA ({@code ca.crt} in {@code certs}) signs its certificate for localhost and
     * 127.0.0.1; clients verify it with {@code sslmode=verify-full&sslrootcert=certs/ca.crt}.
     */
    public static PrivatePostgres startWithTls(Path certs) throws IOException, InterruptedException {
        Files.createDirectories(certs);
        String dir = certs.toString();
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=abiguard test CA",
                "-keyout", dir + "/ca.key", "-out", dir + "/ca.crt");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", dir + "/server.key",
                "-out", dir + "/server.csr");
        Files.writeString(certs.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run("openssl", "x509", "-req", "-in", dir + "/server.csr", "-CA", dir + "/ca.crt", "-CAkey", dir + "/ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", dir + "/san.ext", "-out", dir + "/server.crt");
        PrivatePostgres server = start();
        server.stopServer();
        for (String name : new String[] {"server.crt", "server.key", "ca.crt"}) {
            Files.copy(certs.resolve(name), server.dataDir.resolve(name));
            run("chown", "postgres", server.dataDir.resolve(name).toString());
            run("chmod", "0600", server.dataDir.resolve(name).toString());
        }
        Files.writeString(server.dataDir.resolve("postgresql.auto.conf"), "ssl = on\nssl_ca_file = 'ca.crt'\n",
                java.nio.file.StandardOpenOption.APPEND);
        server.startServer();
        return server;
    }

    /**
     * A client certificate for {@code login} signed by the test CA in {@code certs}: {@code <login>.crt} and its key
     * as PKCS-8 DER ({@code <login>.pk8}, what pgjdbc reads).
     */
    public static void clientCertificate(Path certs, String login) throws IOException, InterruptedException {
        String dir = certs.toString();
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + login, "-keyout", dir + "/" + login + ".key",
                "-out", dir + "/" + login + ".csr");
        run("openssl", "x509", "-req", "-in", dir + "/" + login + ".csr", "-CA", dir + "/ca.crt", "-CAkey", dir + "/ca.key",
                "-CAcreateserial", "-days", "2", "-out", dir + "/" + login + ".crt");
        run("openssl", "pkcs8", "-topk8", "-inform", "PEM", "-outform", "DER", "-nocrypt", "-in", dir + "/" + login + ".key",
                "-out", dir + "/" + login + ".pk8");
    }

    /** Puts {@code lines} first in pg_hba.conf (first match wins) and reloads the server. */
    public void prependHba(String lines) throws IOException, InterruptedException {
        Path hba = dataDir.resolve("pg_hba.conf");
        Path temp = dataDir.resolveSibling("pg_hba.conf.new");
        Files.writeString(temp, lines + "\n" + Files.readString(hba));
        run("cp", temp.toString(), hba.toString());
        asPostgres(BIN.resolve("pg_ctl") + " -D " + dataDir + " reload >/dev/null");
        Thread.sleep(500);
    }

    public int port() {
        return port;
    }

    public static PrivatePostgres start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("abiguard-pg");
        run("chown", "postgres", dir.toString());
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        asPostgres(BIN.resolve("initdb") + " -A trust -U postgres -D " + data + " >/dev/null");
        PrivatePostgres server = new PrivatePostgres(data, port);
        server.startServer();
        asPostgres(BIN.resolve("createdb") + " -h 127.0.0.1 -p " + port + " -U postgres abiguard");
        return server;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/abiguard?user=postgres";
    }

    public void startServer() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl") + " -D " + dataDir + " -w -l " + dataDir.resolveSibling("log")
                + " -o '-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1' start >/dev/null");
    }

    public void stopServer() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl") + " -D " + dataDir + " -w -m fast stop >/dev/null");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer();
        } catch (IOException e) {
            // already stopped
        }
        run("rm", "-rf", dataDir.getParent().toString());
    }

    private static void asPostgres(String command) throws IOException, InterruptedException {
        run("su", "postgres", "-s", "/bin/sh", "-c", command);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
