package org.abiguard.archive;

import java.sql.Connection;
import java.sql.SQLException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.abiguard.AbiguardException;
import org.abiguard.config.Config;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The archive database: the server named by {@code --db-url}, or the embedded PostgreSQL under the
 * state directory. Opening it checks the connection and applies pending migrations (first use
 * migrates). Close it to stop the embedded server. Not thread-safe to open/close; the {@link Jdbi}
 * it hands out is thread-safe.
 */
public final class Database implements AutoCloseable {
    /** Seconds to wait for a TCP connection or a login before reporting the database unreachable. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    /**
     * Pool size, from its users at once: the daemon's audit (its session advisory lock plus the pass's
     * transaction: 2), an event pass (2, behind the spool lock but reading the archive while observing) and
     * the heartbeat (1). The CLI needs 2. Quartz's clustered store has a pool of its own
     * ({@link #newPool}), so its threads never starve a pass.
     */
    static final int MAX_POOL_SIZE = 5;

    private final HikariDataSource dataSource;
    private final DataSource target;
    private final AutoCloseable owner;
    private final String description;
    private final Jdbi jdbi;

    private Database(DataSource target, AutoCloseable owner, String description) {
        this.owner = owner;
        this.description = description;
        this.target = target;
        this.dataSource = pool(target);
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    private static HikariDataSource pool(DataSource target) {
        return pool(target, "abiguard", MAX_POOL_SIZE);
    }

    /** Another pool of {@code size} connections to the same server, for a user with its own needs (Quartz). */
    public HikariDataSource newPool(String name, int size) {
        return pool(target, name, size);
    }

    private static HikariDataSource pool(DataSource target, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        // Fail at first use with the driver's own message rather than at pool construction.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * Connects, migrates, and checks that a host login (V9, {@code db grant-host}) is used for its own host:
     * its host name must be the configured one, else nothing is done (one line, exit 2).
     */
    public static Database open(Config config) {
        Database database = connect(config);
        try {
            database.migrate();
            if (!config.embeddedDatabase()) {
                HostLogin.requireOwnHost(database.jdbi(), config.hostName());
            }
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Connects and checks the connection, without migrating. */
    public static Database connect(Config config) {
        Database database;
        if (config.embeddedDatabase()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(config.embeddedDataDir(), config.stateDir());
            database = new Database(embedded.dataSource(), embedded, "embedded PostgreSQL under " + config.embeddedDataDir());
        } else {
            String url = config.dbUrl().orElseThrow();
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new AbiguardException("--db-url must be a jdbc:postgresql: URL, got '" + redact(url) + "'");
            }
            TransportPolicy.check(url, config.requireTls());
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            config.dbUser().ifPresent(pg::setUser);
            config.dbPassword().ifPresent(pg::setPassword);
            pg.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
            pg.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
            pg.setApplicationName("abiguard");
            database = new Database(pg, () -> { }, redact(url));
        }
        database.checkConnection();
        return database;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pooled data source, for components that need plain JDBC (Quartz, session advisory locks). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Where this database is, for messages; never holds a password. */
    public String description() {
        return description;
    }

    public MigrateResult migrate() {
        try {
            return Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new AbiguardException("migration of " + description + " failed: "
                    + AbiguardException.oneLine(e.getMessage()), e);
        }
    }

    /** Through the driver, not the pool: a refused connection fails at once instead of after the pool's timeout. */
    private void checkConnection() {
        try (Connection connection = target.getConnection()) {
            connection.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            close();
            String message = "cannot connect to the database at " + description + ": " + AbiguardException.rootMessage(e);
            if (DatabaseUnavailableException.isUnreachable(e)) {
                throw new DatabaseUnavailableException(message, e);
            }
            throw new AbiguardException(DatabaseUnavailableException.isConnectionLoss(e)
                    ? message + " (something answers there, but not as PostgreSQL: check the host and port)" : message, e);
        }
    }

    /** Removes a password from a JDBC URL before it is shown anywhere. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }


    @Override
    public void close() {
        dataSource.close();
        try {
            owner.close();
        } catch (Exception e) {
            throw new AbiguardException("cannot stop " + description + ": " + e.getMessage(), e);
        }
    }
}
