package org.abiguard.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.abiguard.archive.Database;
import org.abiguard.drift.ArchiveDrift;
import org.abiguard.drift.ContextEvent;
import org.abiguard.drift.DriftFilter;
import org.abiguard.drift.DriftFinding;
import org.abiguard.drift.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drift}: open drift findings from the archive. */
@Command(name = "drift", description = {
        "Report open drift: each domain's latest definition against its baseline (first archived, or last",
        "accepted), and what a running domain's next cold boot would change.",
        "Exit 0; with --exit-code, 1 when any guest-visible finding is open; 2 on error."})
final class DriftCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

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
            printText(findings, out);
        }
        boolean guestVisible = findings.stream().anyMatch(DriftFinding::guestVisible);
        return exitCode && guestVisible ? ExitCodes.DRIFT : ExitCodes.OK;
    }

    private static void printText(List<DriftFinding> findings, PrintWriter out) {
        Map<String, List<DriftFinding>> groups = new LinkedHashMap<>();
        for (DriftFinding f : findings) {
            String key = f.domain().name() + " (" + f.domain().uuid() + ") on " + f.host() + ": v" + f.baselineVersion()
                    + " -> v" + f.observedVersion() + ", "
                    + f.context().stream().map(ContextEvent::describe).collect(Collectors.joining("; "));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        groups.forEach((header, list) -> {
            out.println(header);
            FindingsText.print(list.stream().map(f -> new Finding(f.category(), f.guestVisible(), f.severity(),
                    f.device(), f.xpath(), f.before(), f.after())).toList(), out, "  ");
        });
        long domains = findings.stream().filter(DriftFinding::guestVisible).map(f -> f.domain().uuid()).distinct().count();
        out.println(findings.isEmpty() ? "no open drift"
                : domains + " domain(s) with guest-visible drift; " + findings.size() + " finding(s) in all");
    }

    record DriftOutput(List<DriftFinding> findings) {
    }
}
