package org.abiguard.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.abiguard.archive.Database;
import org.abiguard.drift.ArchiveDrift;
import org.abiguard.drift.DriftFilter;
import org.abiguard.drift.DriftFinding;
import org.abiguard.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drift}: open drift findings from the archive. */
@Command(name = "drift", description = {
        "Report open drift: each domain's latest definition against its baseline (first archived, or last",
        "accepted), and what a running domain's next cold boot would change.",
        "Exit 0; with --exit-code, 1 when any guest-visible finding is open; 2 on error."})
final class DriftCommand extends VerbCommand {
    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this domain (name or UUID).")
    String domain;

    @Option(names = "--host", paramLabel = "HOST", description = "Only domains now on this host.")
    String host;

    @Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class,
            description = "Only drift observed since TIME (2026-11-25 or 2026-11-25T08:00:00Z).")
    Instant since;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--exit-code", description = "Exit 1 when any guest-visible finding is open.")
    boolean exitCode;

    @Override
    public Integer call() {
        List<DriftFinding> findings;
        try (Database database = Database.open(main.config())) {
            findings = new ArchiveDrift(database.jdbi()).open(
                    new DriftFilter(Optional.ofNullable(domain), Optional.ofNullable(host), Optional.ofNullable(since)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(Json.write(new DriftOutput(findings)));
        } else {
            FindingsText.printDrift(findings, out, Terminal.useColour(Terminal.stdoutIsTerminal(), main.env()));
        }
        boolean guestVisible = findings.stream().anyMatch(DriftFinding::guestVisible);
        return exitCode && guestVisible ? ExitCodes.DRIFT : ExitCodes.OK;
    }

    record DriftOutput(List<DriftFinding> findings) {
    }
}
