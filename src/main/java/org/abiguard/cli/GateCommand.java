package org.abiguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code gate}: the libvirt qemu hook that judges a guest's hardware before it starts; see its subcommands. */
@Command(name = "gate", description = {
        "The libvirt qemu hook that compares a guest's hardware with its baseline before it starts, migrates in or",
        "is restored: warn (start and record) or enforce (refuse the start). It reads only a local baseline cache",
        "(kept by snapshot, audit, accept and the daemon), never the database or libvirt, and fails open."},
        subcommands = {GateInstallCommand.class, GateUninstallCommand.class, GateStatusCommand.class,
                GateSetCommand.class})
final class GateCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    Main main;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "gate needs a subcommand: install, uninstall, status or set");
    }
}
