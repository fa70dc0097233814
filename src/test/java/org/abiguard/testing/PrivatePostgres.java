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
