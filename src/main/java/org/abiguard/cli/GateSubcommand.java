package org.abiguard.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code gate} subcommand has: help, the {@code gate} parent (and through it the globals), libvirt's hook directory. */
abstract class GateSubcommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @ParentCommand
    GateCommand gate;

    @Spec
    CommandSpec spec;

    @Option(names = "--hooks-dir", paramLabel = "DIR", defaultValue = "/etc/libvirt/hooks",
            description = "libvirt's hook directory (default: ${DEFAULT-VALUE}).")
    Path hooksDir;
}
