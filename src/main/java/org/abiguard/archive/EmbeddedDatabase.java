package org.abiguard.archive;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.abiguard.AbiguardException;

/**
 * The zero-config archive: a real PostgreSQL (zonky's packaged binaries) whose data directory lives
 * under the state directory and survives runs. Started per process and stopped on close. One process
 * at a time per data directory; PostgreSQL's own postmaster.pid lock refuses a second.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir, Path stateDir) {
        try {
            Files.createDirectories(dataDir);
            Path binaries = stateDir.resolve("embedded-pg");
            Files.createDirectories(binaries);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setRegisterShutdownHook(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException | IllegalStateException e) {
            String hint = Files.exists(dataDir.resolve("postmaster.pid"))
                    ? " (another abiguard process may be using it; use --db-url for concurrent runs)" : "";
            throw new AbiguardException("cannot start the embedded PostgreSQL in " + dataDir + hint + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
