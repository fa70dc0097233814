package org.abiguard.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.abiguard.archive.Database;
import org.abiguard.archive.PassSummary;
import org.abiguard.archive.SnapshotPass;
import org.abiguard.config.Config;
import org.abiguard.libvirt.LibvirtConnections;
import org.abiguard.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code snapshot}: one archive pass over every domain of every configured libvirt URI. */
@Command(name = "snapshot", description = {
        "Archive the inactive XML of every domain and the live XML of running ones, with host facts.",
        "Only changed content is stored; all writes of a pass are one transaction."})
final class SnapshotCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        Config config = main.config();
        try (LibvirtConnections connections = LibvirtConnections.openAll(config.libvirtUris());
             Database database = Database.open(config)) {
            PassSummary pass = new SnapshotPass(database.jdbi(), config.hostName()).run(connections.all());
            print(config.hostName(), pass, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
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
