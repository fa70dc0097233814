package org.abiguard.cli;

import org.abiguard.archive.Database;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;

/** {@code migrate}: applies pending migrations; other commands also migrate on first use. */
@Command(name = "migrate", description = "Apply the database migrations (other commands also do on first use).")
final class MigrateCommand extends VerbCommand {
    @Override
    public Integer call() {
        try (Database database = Database.connect(main.config())) {
            MigrateResult result = database.migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : String.valueOf(result.initialSchemaVersion);
            spec.commandLine().getOut().printf("%s: %d migration(s) applied, schema at version %s%n",
                    database.description(), result.migrationsExecuted, version);
        }
        return ExitCodes.OK;
    }
}
