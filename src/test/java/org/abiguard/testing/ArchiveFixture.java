package org.abiguard.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.abiguard.config.Config;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture most integration tests need, per test: a fresh database on the shared PostgreSQL, guests
 * with a unique prefix on the shared libvirtd, a state directory, and a {@link Cli} for one host on all of
 * them. Register with {@code @RegisterExtension final ArchiveFixture fx = new ArchiveFixture("purpose", "hv-x");}.
 * Everything is removed after each test.
 */
public final class ArchiveFixture implements BeforeEachCallback, AfterEachCallback {
    private final String purpose;
    private final String hostName;
    private TestDatabase db;
    private TestGuests guests;
    private Path stateDir;

    public ArchiveFixture(String purpose, String hostName) {
        this.purpose = purpose;
        this.hostName = hostName;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        db = TestDatabase.create(purpose);
        guests = TestGuests.create(purpose);
        stateDir = Files.createTempDirectory("abiguard-state-" + purpose);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        guests.close();
        db.close();
        new ProcessBuilder("rm", "-rf", stateDir.toString()).start().waitFor();
    }

    public TestDatabase db() {
        return db;
    }

    public TestGuests guests() {
        return guests;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The CLI of this host on this database, libvirtd and state directory. */
    public Cli cli() {
        return Cli.on(db, hostName).with("ABIGUARD_STATE_DIR", stateDir.toString());
    }

    /** The same CLI while its database is unreachable (nothing listens on port 1). */
    public Cli cliWithDatabaseAway() {
        return cli().with("ABIGUARD_DB_URL", "jdbc:postgresql://127.0.0.1:1/abiguard");
    }

    /** The resolved configuration the CLI would use, for in-process components. */
    public Config config() {
        return new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER), Optional.of(TestDatabase.PASSWORD),
                List.of(TestGuests.URI), hostName, stateDir, Optional.empty());
    }
}
