package org.abiguard.cli;

import java.util.Map;
import java.util.UUID;
import org.abiguard.config.Config;
import org.abiguard.gate.BaselineCache;
import org.abiguard.gate.GateMode;
import org.abiguard.gate.GateSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gate set DOMAIN warn|enforce|off}: a per-domain exception to the gate's mode. */
@Command(name = "set", description = "Set one domain's gate mode (off: never judged), by name or UUID.")
final class GateSetCommand extends GateSubcommand {
    @Parameters(index = "0", paramLabel = "DOMAIN", description = "Domain name or UUID (as the baseline cache knows it).")
    String domain;

    @Parameters(index = "1", paramLabel = "MODE", description = "warn, enforce or off.")
    String mode;

    @Override
    public Integer call() {
        Config config = gate.main.config();
        GateMode domainMode = GateMode.parse(mode);
        UUID uuid = new BaselineCache(config.stateDir()).uuidOf(domain).orElseGet(() -> {
            try {
                return UUID.fromString(domain);
            } catch (IllegalArgumentException e) {
                throw new ExitException(ExitCodes.ERROR, "no archived domain named '" + domain
                        + "' on this host (run abiguard snapshot first, or give its UUID)");
            }
        });
        GateSettings settings = GateSettings.read(config.stateDir()).orElse(new GateSettings(GateMode.WARN, Map.of()));
        settings.with(uuid.toString(), domainMode).write(config.stateDir());
        spec.commandLine().getOut().println(domain + " (" + uuid + "): gate " + domainMode.label());
        return ExitCodes.OK;
    }
}
