package org.abiguard.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh database on the local PostgreSQL server for one test class, dropped by {@link #close()}.
 * Server and credentials: ABIGUARD_TEST_DB_URL (a URL of the maintenance database),
 * ABIGUARD_TEST_DB_USER, ABIGUARD_TEST_DB_PASSWORD; defaults match scripts/setup-host.sh.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String SERVER = env("ABIGUARD_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = env("ABIGUARD_TEST_DB_USER", "abiguard");
    public static final String PASSWORD = env("ABIGUARD_TEST_DB_PASSWORD", "abiguard");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String purpose) {
        String name = ("abiguard_t_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        admin("create database " + name);
        return new TestDatabase(name);
    }

    public String url() {
        return SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
    }

    public Jdbi jdbi() {
        return Jdbi.create(url(), USER, PASSWORD);
    }

    /** Runs a query returning one long, e.g. a count. */
    public long queryLong(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        admin("drop database if exists " + name + " with (force)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL at " + SERVER + " (run scripts/setup-host.sh): " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
