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

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "db needs a subcommand: grant-host or revoke-host");
    }
}
