package org.abiguard.cli;

import org.abiguard.gate.HookInstaller;
import picocli.CommandLine.Command;

/** {@code gate uninstall}: removes the hook script (and qemu.d if it made it empty). Idempotent. */
@Command(name = "uninstall", description = "Remove the hook. libvirtd stops running it at its next restart.")
final class GateUninstallCommand extends GateSubcommand {
    @Override
    public Integer call() {
        boolean removed = new HookInstaller(hooksDir).uninstall();
        spec.commandLine().getOut().println(removed ? "gate uninstalled; restart libvirtd to stop it running the hook"
                : "gate was not installed");
        return ExitCodes.OK;
    }
}
