package org.abiguard.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.abiguard.archive.Database;
import org.abiguard.archive.PassSummary;
import org.abiguard.archive.DatabaseUnavailableException;
import org.abiguard.archive.PassHooks;
import org.abiguard.archive.Spool;
import org.abiguard.archive.SpoolingPass;
import org.abiguard.config.Config;
import org.abiguard.libvirt.LibvirtConnections;
import org.abiguard.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code snapshot}: one archive pass over every domain of every configured libvirt URI. */
@Command(name = "snapshot", description = {
        "Archive the inactive XML of every domain and the live XML of running ones, with host facts.",
        "Only changed content is stored; all writes of a pass are one transaction. When the database",
        "does not answer, the pass goes to a durable spool under the state directory and is replayed",
        "in order by the next run that reaches it."})
final class SnapshotCommand extends VerbCommand {
    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        Config config = main.config();
        SpoolingPass.Outcome outcome;
        try (LibvirtConnections connections = LibvirtConnections.openAll(config.libvirtUris())) {
            Optional<Database> database = openUnlessUnavailable(config, spec.commandLine().getErr());
            try {
                outcome = SpoolingPass.run(database, config.hostName(), connections.all(), PassHooks.NONE,
                        new Spool(config.stateDir()));
                if (outcome.pass().isPresent()) {
                    org.abiguard.gate.GateSync.afterPass(database.get(), config.hostName(), config.stateDir(),
                            config.libvirtUris());
                }
            } finally {
                database.ifPresent(Database::close);
            }
        }
        if (outcome.quarantined() > 0) {
            spec.commandLine().getErr().println("abiguard: " + outcome.quarantined() + " spooled pass(es) were unreadable"
                    + " and moved to " + config.stateDir().resolve("spool").resolve("quarantine") + "; the rest replayed");
        }
        if (outcome.replayed() > 0) {
            spec.commandLine().getErr().println("abiguard: replayed " + outcome.replayed() + " spooled pass(es)");
        }
        if (outcome.pass().isPresent()) {
            print(config.hostName(), outcome.pass().get(), spec.commandLine().getOut());
        } else {
            spec.commandLine().getOut().println(config.hostName() + ": database unreachable; pass spooled to "
                    + outcome.spooledTo().orElseThrow() + " (" + outcome.waiting() + " waiting, replayed when it answers)");
        }
        return ExitCodes.OK;
    }

    /** The archive, or empty (with a warning) when it does not answer: the pass then goes to the spool. */
    static Optional<Database> openUnlessUnavailable(Config config, PrintWriter err) {
        try {
            return Optional.of(Database.open(config));
        } catch (DatabaseUnavailableException e) {
            err.println("abiguard: warning: " + e.getMessage() + "; spooling this pass");
            return Optional.empty();
        }
    }

    private void print(String host, PassSummary pass, PrintWriter out) {
        if (format == OutputFormat.json) {
            out.println(Json.write(new SnapshotOutput(host, pass)));
            return;
        }
        out.printf("%s: %d domains (%d running), %d new versions, %d gone, %d skipped, %d ms%s%n", host,
                pass.domainsSeen(), pass.domainsRunning(), pass.versionsAdded(), pass.domainsGone(),
                pass.domainsSkipped(), pass.durationMs(), pass.domainsSkipped() > 0 ? " (partial)" : "");
    }

    record SnapshotOutput(String host, PassSummary pass) {
    }
}
