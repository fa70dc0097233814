package org.abiguard.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.abiguard.AbiguardException;

/**
 * Mutual exclusion across processes and machines sharing the archive: a PostgreSQL session advisory
 * lock on a name ("abiguard-audit:HOST" for audits, "abiguard-restore:UUID" for restores), held on its
 * own connection until {@link #close()}. A crashed holder's lock goes with its connection.
 * Not thread-safe; close it on the thread that took it.
 */
public final class AdvisoryLock implements AutoCloseable {
    private static final String KEY = "select hashtext(?)";

    private final Connection connection;
    private final String name;

    private AdvisoryLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** Takes the lock {@code name}, waiting up to {@code wait}; empty while someone else holds it. */
    public static Optional<AdvisoryLock> tryAcquire(DataSource dataSource, String name, Duration wait) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                if (call(connection, "select pg_try_advisory_lock((" + KEY + "))", name)) {
                    return Optional.of(new AdvisoryLock(connection, name));
                }
                if (System.nanoTime() > deadline) {
                    connection.close();
                    return Optional.empty();
                }
                Thread.sleep(250);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new AbiguardException("cannot take the lock " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(connection);
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean call(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        try {
            call(connection, "select pg_advisory_unlock((" + KEY + "))", name);
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
