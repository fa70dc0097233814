package org.abiguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code db}: database logins of the fleet; see its subcommands. */
@Command(name = "db", description = {"Database logins of the fleet: one login per host, bound to that host's rows.",
        "Run with the archive owner's credentials (the login that runs migrations; it needs CREATEROLE)."},
        subcommands = {DbGrantHostCommand.class, DbRevokeHostCommand.class})
final class DbCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    Main main;

    /** The configuration, refused when it names the embedded database: host logins are for a shared archive. */
    org.abiguard.config.Config sharedDatabase() {
        if (main.config().embeddedDatabase()) {
            throw new ExitException(ExitCodes.ERROR, "host logins are for an archive shared by a fleet: give --db-url "
                    + "(the embedded database serves this host alone and takes password logins from it only)");
        }
        return main.config();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "db needs a subcommand: grant-host or revoke-host");
    }
}
