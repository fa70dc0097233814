package org.abiguard.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.abiguard.gate.HookInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gate uninstall}: removes the hook script (and qemu.d if it made it empty). Idempotent. */
@Command(name = "uninstall", description = "Remove the hook. libvirtd stops running it at its next restart.")
final class GateUninstallCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    GateCommand gate;

    @Spec
    CommandSpec spec;

    @Option(names = "--hooks-dir", paramLabel = "DIR", defaultValue = "/etc/libvirt/hooks",
            description = "libvirt's hook directory (default: ${DEFAULT-VALUE}).")
    Path hooksDir;

    @Override
    public Integer call() {
        boolean removed = new HookInstaller(hooksDir).uninstall();
        spec.commandLine().getOut().println(removed ? "gate uninstalled; restart libvirtd to stop it running the hook"
                : "gate was not installed");
        return ExitCodes.OK;
    }
}
