package org.abiguard.cli;

import java.io.PrintWriter;
import java.util.List;
import org.abiguard.archive.Database;
import org.abiguard.archive.DomainDao;
import org.abiguard.archive.DomainIdentity;
import org.abiguard.archive.DomainRef;
import org.abiguard.archive.DomainVersionDao;
import org.abiguard.archive.VersionSummary;
import org.abiguard.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history D}: every archived version of a domain, oldest first. */
@Command(name = "history", description = "List the archived versions of a domain (name or UUID), oldest first.")
final class HistoryCommand extends VerbCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN", description = "Domain name or UUID (the UUID is the identity).")
    String domain;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        try (Database database = Database.open(main.config())) {
            DomainRef ref = database.jdbi().withExtension(DomainDao.class, dao -> dao.require(domain));
            List<VersionSummary> versions =
                    database.jdbi().withExtension(DomainVersionDao.class, dao -> dao.history(ref.id()));
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                out.println(Json.write(new HistoryOutput(new DomainIdentity(ref.uuid().toString(), ref.name()), versions)));
            } else {
                printText(ref, versions, out);
            }
        }
        return ExitCodes.OK;
    }

    private static void printText(DomainRef ref, List<VersionSummary> versions, PrintWriter out) {
        out.printf("%s (%s) on %s%s%n", org.abiguard.PrintableText.of(ref.name()), ref.uuid(),
                org.abiguard.PrintableText.of(ref.hostName()),
                ref.goneSince() == null ? "" : ", gone since " + TextTimes.of(ref.goneSince()));
        out.printf("%7s  %-8s  %-12s  %-20s  %-20s  %s%n", "VERSION", "KIND", "SHA256", "FIRST SEEN", "LAST SEEN", "HOST");
        for (VersionSummary v : versions) {
            out.printf("%7d  %-8s  %-12s  %-20s  %-20s  %s%n", v.version(), v.kind(), v.sha256().substring(0, 12),
                    TextTimes.of(v.firstSeen()), TextTimes.of(v.lastSeen()), v.host());
        }
    }

    record HistoryOutput(DomainIdentity domain, List<VersionSummary> versions) {
    }
}
