package org.abiguard.cli;

import java.util.concurrent.Callable;
import org.abiguard.archive.Database;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code migrate}: applies pending migrations; other commands also migrate on first use. */
@Command(name = "migrate", description = "Apply the database migrations (other commands also do on first use).")
final class MigrateCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

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
