package org.abiguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.abiguard.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-config default: no --db-url, an embedded PostgreSQL under the state directory, kept across runs. */
class EmbeddedDatabaseTest {
    @TempDir
    Path stateDir;

    @Test
    void archiveSurvivesAcrossRunsUnderTheStateDirectory() {
        // libvirt's test driver: one predefined running domain named "test", no daemon needed.
        Cli cli = new Cli(Map.of("ABIGUARD_STATE_DIR", stateDir.toString(), "ABIGUARD_LIBVIRT_URI", "test:///default",
                "ABIGUARD_HOST", "hv-embedded"));

        Cli.Result snapshot = cli.run("snapshot");
        Cli.Result history = cli.run("history", "test", "--format", "json");

        assertEquals(0, snapshot.exitCode(), snapshot::toString);
        assertTrue(snapshot.stdout().startsWith("hv-embedded: 1 domains (1 running), 2 new versions"), snapshot.stdout());
        assertEquals(0, history.exitCode(), history::toString);
        assertTrue(history.stdout().contains("\"kind\" : \"live\""), history.stdout());
        assertTrue(Files.isDirectory(stateDir.resolve("pgdata")), "data directory under the state directory");
        assertTrue(Files.exists(stateDir.resolve("pgdata/PG_VERSION")));
    }
}
