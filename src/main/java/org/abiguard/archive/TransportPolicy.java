package org.abiguard.archive;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.abiguard.AbiguardException;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS to a database on another machine. The archive decides what an evacuation defines, so its connection
 * must not be open to someone on the path: a URL naming another machine without {@code sslmode=verify-full}
 * (pgjdbc's {@code ssl=true} alone means verify-full too) draws a warning, and with {@code --require-tls} is
 * refused before anything is sent. Loopback and Unix-socket URLs are not remote.
 */
final class TransportPolicy {
    private static final Logger log = LoggerFactory.getLogger(TransportPolicy.class);

    private TransportPolicy() {
    }

    static void check(String url, boolean requireTls) {
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new AbiguardException("--db-url is not a PostgreSQL JDBC URL the driver understands: '"
                    + Database.redact(url) + "'");
        }
        List<String> remote = Arrays.stream(parsed.getProperty("PGHOST", "localhost").split(","))
                .filter(host -> !isLoopback(host)).toList();
        if (remote.isEmpty() || "verify-full".equals(sslMode(parsed))) {
            return;
        }
        String message = "the archive database at " + String.join(",", remote) + " is reached with sslmode="
                + sslMode(parsed) + ": the server is not authenticated and the connection may be read or changed on "
                + "the way; add sslmode=verify-full&sslrootcert=CA.crt to --db-url";
        if (requireTls) {
            throw new AbiguardException("refused (--require-tls): " + message);
        }
        log.warn(message);
    }

    private static String sslMode(Properties parsed) {
        String mode = parsed.getProperty("sslmode");
        if (mode != null) {
            return mode;
        }
        return "true".equalsIgnoreCase(parsed.getProperty("ssl")) ? "verify-full" : "prefer";
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals("localhost") || bare.startsWith("/")) {
            return true;
        }
        try {
            // Literal addresses only: no name lookup just to decide whether to warn.
            return bare.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
