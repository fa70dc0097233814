package org.abiguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.abiguard.config.Config;
import org.abiguard.gate.GateMode;
import org.abiguard.gate.GateSettings;
import org.abiguard.gate.HookInstaller;
import org.abiguard.gate.HookTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gate install}: the hook script, the mode, and the hook's trained class-data archive. Idempotent. */
@Command(name = "install", description = {
        "Install the hook in HOOKS_DIR/qemu.d/abiguard and set the gate's mode (default: keep the current one, or",
        "warn). libvirtd reads hooks when it starts: restart it to activate (gate status says whether it has)."})
final class GateInstallCommand extends GateSubcommand {
    @Option(names = "--mode", paramLabel = "warn|enforce", description = "warn: start and record; enforce: refuse.")
    String mode;


    @Option(names = "--command", paramLabel = "COMMAND", description = {"The abiguard command the hook runs",
            "(default: /usr/bin/abiguard, else /usr/local/bin/abiguard)."})
    String command;

    @Override
    public Integer call() {
        Config config = gate.main.config();
        GateMode wanted = mode == null ? null : GateMode.parse(mode);
        if (wanted == GateMode.OFF) {
            throw new ExitException(ExitCodes.ERROR, "--mode is warn or enforce; to stop judging: abiguard gate uninstall");
        }
        GateSettings settings = GateSettings.read(config.stateDir()).orElse(new GateSettings(GateMode.WARN, Map.of()));
        if (wanted != null) {
            settings = new GateSettings(wanted, settings.overrides());
        }
        settings.write(config.stateDir());
        String hookCommand = command != null ? command
                : Files.isExecutable(Path.of("/usr/bin/abiguard")) ? "/usr/bin/abiguard" : "/usr/local/bin/abiguard";
        boolean changed = new HookInstaller(hooksDir).install(hookCommand, config.stateDir());
        HookTraining.train(hookCommand, config.stateDir());
        var out = spec.commandLine().getOut();
        out.println("gate " + (changed ? "installed" : "already installed") + " at " + new HookInstaller(hooksDir).script()
                + ", mode " + settings.mode().label());
        out.println("restart libvirtd to activate it (it reads hooks at start): systemctl restart libvirtd");
        return ExitCodes.OK;
    }
}
