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
 * Mutual exclusion across processes and machines sharing the archive: a row of the {@code locks} table (V9)
 * locked with {@code SELECT ... FOR UPDATE} in a transaction held on its own connection until
 * {@link #close()}. A crashed holder's lock goes with its connection. Unlike an advisory lock, which any login
 * can take under any key, row-level security lets a host login lock only its own host's rows, so one
 * hypervisor cannot hold another's audit or a restore. Not thread-safe; close it on the thread that took it.
 */
public final class ArchiveLock implements AutoCloseable {
    private final Connection connection;

    private ArchiveLock(Connection connection) {
        this.connection = connection;
    }

    /** The audit of one host ({@code host:<id>:audit}). */
    public static String auditOf(long hostId) {
        return "host:" + hostId + ":audit";
    }

    /** The passes of one host ({@code host:<id>:pass}), taken inside the pass's transaction. */
    static String passesOf(long hostId) {
        return "host:" + hostId + ":pass";
    }

    /** A restore of one domain; no host login can take it. */
    public static String restoreOf(java.util.UUID domain) {
        return "restore:" + domain;
    }

    /** Takes the lock {@code name} (of {@code hostId}, or null), waiting up to {@code wait}; empty while held elsewhere. */
    public static Optional<ArchiveLock> tryAcquire(DataSource dataSource, String name, Long hostId, Duration wait) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            ensureRow(connection, name, hostId);
            connection.setAutoCommit(false);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                if (lockRow(connection, name, "skip locked")) {
                    return Optional.of(new ArchiveLock(connection));
                }
                connection.rollback();
                if (System.nanoTime() > deadline) {
                    connection.close();
                    return Optional.empty();
                }
                Thread.sleep(250);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new AbiguardException("cannot take the lock " + name + ": " + AbiguardException.oneLine(e.getMessage()), e);
        } catch (InterruptedException e) {
            closeQuietly(connection);
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Inside {@code handle}'s transaction: waits for the lock, held until that transaction ends. */
    static void lockInTransaction(org.jdbi.v3.core.Handle handle, String name, Long hostId) {
        handle.createUpdate("insert into locks (name, host_id) values (:name, :hostId) on conflict (name) do nothing")
                .bind("name", name).bind("hostId", hostId).execute();
        if (handle.createQuery("select name from locks where name = :name for update").bind("name", name)
                .mapTo(String.class).findOne().isEmpty()) {
            throw new AbiguardException("the lock " + name + " is not visible to this database login");
        }
    }

    private static void ensureRow(Connection connection, String name, Long hostId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into locks (name, host_id) values (?, ?) on conflict (name) do nothing")) {
            insert.setString(1, name);
            insert.setObject(2, hostId);
            insert.executeUpdate();
        }
    }

    private static boolean lockRow(Connection connection, String name, String mode) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select name from locks where name = ? for update " + mode)) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // closing the session below ends the transaction anyway
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
