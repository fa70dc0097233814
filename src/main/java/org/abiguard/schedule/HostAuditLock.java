package org.abiguard.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.abiguard.AbiguardException;

/**
 * One audit per host at a time, across processes and machines: a PostgreSQL session advisory lock on
 * "abiguard-audit:HOST", held on its own connection until {@link #close()}. A crashed holder's lock
 * goes with its connection. Not thread-safe; close it on the thread that took it.
 */
public final class HostAuditLock implements AutoCloseable {
    private static final String KEY = "select hashtext('abiguard-audit:' || ?)";

    private final Connection connection;
    private final String host;

    private HostAuditLock(Connection connection, String host) {
        this.connection = connection;
        this.host = host;
    }

    /** Takes the lock, waiting up to {@code wait}; empty when another audit of {@code host} still holds it. */
    public static Optional<HostAuditLock> tryAcquire(DataSource dataSource, String host, Duration wait) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                if (call(connection, "select pg_try_advisory_lock((" + KEY + "))", host)) {
                    return Optional.of(new HostAuditLock(connection, host));
                }
                if (System.nanoTime() > deadline) {
                    connection.close();
                    return Optional.empty();
                }
                Thread.sleep(250);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new AbiguardException("cannot take the audit lock of host " + host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(connection);
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean call(Connection connection, String sql, String host) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, host);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        try {
            call(connection, "select pg_advisory_unlock((" + KEY + "))", host);
        } catch (SQLException e) {
            // closing the session below releases the lock anyway
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // nothing more to release
        }
    }
}
