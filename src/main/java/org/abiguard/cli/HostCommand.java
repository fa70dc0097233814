package org.abiguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code host}: the hosts of the archive; see its subcommands. */
@Command(name = "host", description = "Hosts of the archive, their facts and last heartbeat.",
        subcommands = {HostListCommand.class, HostMarkDownCommand.class})
final class HostCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    Main main;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "host needs a subcommand: list or mark-down");
    }
}
