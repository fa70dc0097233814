package org.abiguard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.abiguard.config.Config;
import org.abiguard.gate.GateSettings;
import org.abiguard.gate.HookInstaller;
import org.abiguard.PrintableText;
import picocli.CommandLine.Command;

/** {@code gate status}: mode, overrides, the hook, whether libvirtd has picked it up, the last decisions. */
@Command(name = "status", description = "Show the gate's mode, per-domain overrides, the hook and the last decisions.")
final class GateStatusCommand extends GateSubcommand {
    @Override
    public Integer call() throws IOException {
        Config config = gate.main.config();
        PrintWriter out = spec.commandLine().getOut();
        HookInstaller installer = new HookInstaller(hooksDir);
        var settings = GateSettings.read(config.stateDir());
        out.println("hook: " + (installer.installed() ? installer.script() : "not installed"));
        out.println("mode: " + settings.map(s -> s.mode().label()).orElse("(never installed)"));
        settings.ifPresent(s -> s.overrides().forEach((uuid, m) -> out.println("  " + uuid + ": " + m.label())));
        out.println("libvirtd: " + installer.pickedUpByLibvirtd().map(p -> p ? "running with the hook"
                : "running WITHOUT the hook (restart libvirtd to activate it)").orElse("not running"));
        Path journal = config.stateDir().resolve("gate").resolve("journal.jsonl");
        List<String> lines = Files.isRegularFile(journal) ? Files.readAllLines(journal) : List.of();
        out.println("last decisions (not yet imported by a pass): " + (lines.isEmpty() ? "none" : ""));
        lines.subList(Math.max(0, lines.size() - 10), lines.size()).forEach(l -> out.println("  " + PrintableText.of(l)));
        return ExitCodes.OK;
    }
}
