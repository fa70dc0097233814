package org.abiguard.cli;

import org.abiguard.archive.Database;
import org.abiguard.drift.Baselines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code accept D}: the domain's latest inactive definition becomes its baseline; its open findings close. */
@Command(name = "accept", description = {
        "Take a domain's latest archived definition as its new baseline, closing its open drift findings.",
        "Records who accepted, when, why, and the findings closed."})
final class AcceptCommand extends VerbCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN", description = "Domain name or UUID.")
    String domain;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the change is intended (recorded).")
    String reason;

    @Override
    public Integer call() {
        String who = main.operator();
        try (Database database = Database.open(main.config())) {
            Baselines.Acceptance result = new Baselines(database.jdbi()).accept(domain, who, reason);
            // The gate judges by the local baseline cache: the new baseline counts at the next start.
            org.abiguard.gate.GateSync.afterPass(database, main.config().hostName(), main.config().stateDir(),
                    main.config().libvirtUris());
            spec.commandLine().getOut().println(result.recorded()
                    ? "accepted version " + result.version() + " of " + result.domain().name() + " ("
                            + result.domain().uuid() + ") as its baseline; " + result.closed().size()
                            + " finding(s) closed, recorded as accepted by " + who
                    : "version " + result.version() + " of " + result.domain().name()
                            + " is already its baseline; nothing to accept");
        }
        return ExitCodes.OK;
    }
}
