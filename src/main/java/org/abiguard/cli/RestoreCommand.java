package org.abiguard.cli;

import org.abiguard.PrintableText;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.abiguard.AbiguardException;
import org.abiguard.archive.Database;
import org.abiguard.config.Config;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.restore.Evacuation;
import org.abiguard.restore.PathMapping;
import org.abiguard.restore.RestoreCheck;
import org.abiguard.restore.RestoreOutcome;
import org.abiguard.restore.RestoreRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore D --evacuate --from-host H}: the archived definition on a healthy host, for evacuation only. */
@Command(name = "restore", description = {
        "Define a domain's archived definition on a healthy host, only to evacuate a lost host. libvirt is",
        "canonical: a definition is created once and never regenerated; evacuation is the one exception.",
        "Refuses unless --evacuate is given, the source host is marked down (host mark-down) or silent",
        "past --heartbeat-threshold, the domain is not defined on the target, and every target check passes.",
        "Asks for confirmation on stdin unless --yes (end of input is no)."})
final class RestoreCommand extends VerbCommand {
    private static final String POLICY = "restore only evacuates: a definition is created once and never "
            + "regenerated, because regenerating changes what the guest sees. If host H is lost, run "
            + "abiguard host mark-down H --reason '...' and then abiguard restore D --evacuate --from-host H";



    @Parameters(index = "0", arity = "0..1", paramLabel = "DOMAIN", description = "Domain name or UUID (or --all).")
    String domain;

    @Option(names = "--all", description = "Every domain archived on the source host, one after another.")
    boolean all;

    @Option(names = "--evacuate", description = "Required: states that the source host is lost and evacuated.")
    boolean evacuate;

    @Option(names = "--from-host", required = true, paramLabel = "HOST", description = "The lost host.")
    String fromHost;

    @Option(names = "--to", paramLabel = "URI", description = "Target libvirt URI (default: the first --libvirt-uri).")
    String to;

    @Option(names = "--version", paramLabel = "N", description = "This archived inactive version (default: the latest).")
    Integer version;

    @Option(names = "--map-path", paramLabel = "OLD=NEW", description = "Rewrite storage paths (repeatable).")
    List<String> mapPaths = new ArrayList<>();

    @Option(names = "--heartbeat-threshold", defaultValue = "10m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "A host silent this long counts as down (default: ${DEFAULT-VALUE}).")
    Duration heartbeatThreshold;

    @Option(names = "--dry-run", description = "Run every check and print the XML that would be defined; define nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--allow", split = ",", paramLabel = "KIND", description = {
            "Restore a construct the domain's first archived version did not have (refused by default, as a poisoned "
                    + "archive would use it to reach the target host): custom-namespace (e.g. qemu:commandline), "
                    + "hostdev, host-block-device, filesystem. Repeatable or comma-separated."})
    List<String> allow = new ArrayList<>();

    @Override
    public Integer call() {
        if (!evacuate) {
            throw new ExitException(ExitCodes.ERROR, "refused: --evacuate is required. " + POLICY);
        }
        if (all == (domain != null)) {
            throw new ExitException(ExitCodes.ERROR, "name one DOMAIN or --all");
        }
        for (String kind : allow) {
            if (!RestoreRequest.ALLOWABLE.contains(kind)) {
                throw new ExitException(ExitCodes.ERROR, "--allow " + org.abiguard.PrintableText.of(kind) + ": not a construct "
                        + "kind; one of " + String.join(", ", new java.util.TreeSet<>(RestoreRequest.ALLOWABLE)));
            }
        }
        Config config = main.config();
        List<PathMapping> mappings = mapPaths.stream().map(PathMapping::parse).toList();
        String targetUri = to != null ? to : config.libvirtUris().get(0);
        RestoreRequest request = new RestoreRequest(fromHost, targetUri, config.hostName(), Optional.ofNullable(version),
                dryRun, mappings, heartbeatThreshold, main.operator(), java.util.Set.copyOf(allow));
        PrintWriter out = spec.commandLine().getOut();
        List<RestoreOutcome> outcomes = new ArrayList<>();
        try (LibvirtConnection target = LibvirtConnection.open(targetUri); Database database = Database.open(config)) {
            Evacuation evacuation = new Evacuation(database, target, request,
                    org.abiguard.libvirt.SaveImageJudge.workDir(config.stateDir()));
            List<String> domains = all ? evacuation.domainsOfSourceHost().stream().map(UUID::toString).toList()
                    : List.of(domain);
            Predicate<String> confirmation = confirmation(); // one reader for every prompt: it buffers stdin
            for (String d : domains) {
                try {
                    RestoreOutcome outcome = evacuation.restore(d, confirmation);
                    print(outcome, out);
                    outcomes.add(outcome);
                } catch (AbiguardException e) {
                    if (!all) {
                        throw e;
                    }
                    out.println(PrintableText.of(d + ": refused: " + e.getMessage()));
                    outcomes.add(new RestoreOutcome(d, d, 0, "refused", e.getMessage(), List.of(), ""));
                }
            }
        }
        long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
        if (all) {
            out.printf("evacuation of %s: %d domain(s), %d done, %d not%n", fromHost, outcomes.size(),
                    outcomes.size() - failed, failed);
        }
        if (failed > 0) {
            throw new ExitException(ExitCodes.ERROR, all ? failed + " of " + outcomes.size() + " restore(s) did not succeed"
                    : outcomes.get(0).domain() + ": " + outcomes.get(0).result() + ": " + outcomes.get(0).message());
        }
        return ExitCodes.OK;
    }

    private void print(RestoreOutcome outcome, PrintWriter out) {
        out.println(PrintableText.of(outcome.domain() + " (" + outcome.uuid() + ") version " + outcome.version() + ": "
                + outcome.result() + " — " + outcome.message()));
        for (RestoreCheck check : outcome.checks()) {
            out.println("  [" + (check.ok() ? "ok" : "FAIL") + "] " + check.name() + ": " + PrintableText.of(check.detail()));
        }
        if (outcome.result().equals("dry-run")) {
            out.println("  the XML that would be defined:");
            out.println(PrintableText.of(outcome.xml(), true));
        }
    }

    /** Asks on stderr, reads stdin; only "y" or "yes" is yes, end of input is no. */
    private Predicate<String> confirmation() {
        if (yes) {
            return question -> true;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(main.in(), StandardCharsets.UTF_8));
        return question -> {
            PrintWriter err = spec.commandLine().getErr();
            err.print(PrintableText.of(question) + " [y/N] "); // the domain's name comes from the archive
            err.flush();
            try {
                String answer = reader.readLine();
                return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
            } catch (java.io.IOException e) {
                return false;
            }
        };
    }
}
