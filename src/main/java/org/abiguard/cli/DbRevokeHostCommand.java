package org.abiguard.cli;

import java.util.concurrent.Callable;
import org.abiguard.archive.Database;
import org.abiguard.archive.HostLoginGrants;
import org.abiguard.config.Config;
import org.abiguard.config.HostNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code db revoke-host HOST}: removes a host's database login. */
@Command(name = "revoke-host", description = {
        "Remove the database login of HOST: it can no longer log in, its sessions are ended, the role is dropped.",
        "What it archived stays, attributed to it (restore still checks versions against it)."})
final class DbRevokeHostCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    DbCommand db;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST", description = "The host's name in the archive.")
    String host;

    @Override
    public Integer call() {
        HostNames.requireValid(host);
        Config config = db.sharedDatabase();
        try (Database database = Database.open(config)) {
            String login = HostLoginGrants.revoke(database, host).orElseThrow(() -> new ExitException(ExitCodes.ERROR,
                    "host " + host + " has no host login to revoke"));
            spec.commandLine().getOut().println("host " + host + ": login " + login + " revoked");
        }
        return ExitCodes.OK;
    }
}
