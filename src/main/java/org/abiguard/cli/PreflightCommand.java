package org.abiguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.abiguard.AbiguardException;
import org.abiguard.archive.Database;
import org.abiguard.archive.DomainDao;
import org.abiguard.preflight.DomainForecast;
import org.abiguard.preflight.PreflightDao;
import org.abiguard.preflight.PreflightRun;
import org.abiguard.preflight.Verdict;
import org.abiguard.restore.TargetHost;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code preflight}: before an upgrade or an evacuation, which guests would change hardware or not start. */
@Command(name = "preflight", description = {
        "Before host maintenance: for each archived guest, whether it would start on the target and keep its hardware.",
        "blocked: it cannot start there (machine type, CPU model or feature, emulator or device model missing); "
                + "restore refuses exactly these.",
        "changes-if-regenerated: it would start, but a definition regenerated there (an alias machine type, a "
                + "host-model CPU) would differ in guest ABI; the expected drift findings are listed.",
        "safe: neither.",
        "Exit 0 when every guest is safe, 1 otherwise, 2 on error."})
final class PreflightCommand extends VerbCommand {
    static final class Scope {
        @Option(names = "--domain", paramLabel = "D", description = "One guest (name or UUID).")
        String domain;

        @Option(names = "--host", paramLabel = "H", description = "Every guest of host H (default: this host).")
        String host;
    }

    static final class Target {
        @Option(names = "--target", paramLabel = "HOST", required = true,
                description = "Judge against this host's latest archived capabilities.")
        String host;

        @ArgGroup(exclusive = false)
        CapabilityFiles files;
    }

    static final class CapabilityFiles {
        @Option(names = "--capabilities", paramLabel = "FILE", required = true,
                description = "`virsh capabilities` of a host not in the archive (e.g. an upgraded canary).")
        Path capabilities;

        @Option(names = "--domcapabilities", paramLabel = "FILE", required = true,
                description = "`virsh domcapabilities [--virttype T]` of that host; repeat once per virtualization type.")
        List<Path> domainCapabilities;
    }

    @ArgGroup(exclusive = true)
    Scope scope = new Scope();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        try (Database database = Database.open(main.config())) {
            PreflightRun run = new PreflightRun(database.jdbi());
            TargetHost targetHost = target.files != null ? fromFiles(target.files) : run.requireArchivedHost(target.host);
            List<PreflightDao.Archived> guests = guests(database);
            List<DomainForecast> forecasts = run.forecast(guests, targetHost);
            if (format == OutputFormat.json) {
                out().println(org.abiguard.Json.write(PreflightOutput.of(targetHost.description(), forecasts)));
            } else {
                PreflightText.print(targetHost.description(), forecasts, out());
            }
            return forecasts.stream().allMatch(f -> f.verdict() == Verdict.SAFE) ? ExitCodes.OK : ExitCodes.DRIFT;
        }
    }

    private List<PreflightDao.Archived> guests(Database database) {
        if (scope.domain != null) {
            long id = database.jdbi().withExtension(DomainDao.class, dao -> dao.require(scope.domain)).id();
            return database.jdbi().withExtension(PreflightDao.class, dao -> dao.byId(id));
        }
        String host = scope.host != null ? scope.host : main.config().hostName();
        List<PreflightDao.Archived> guests = database.jdbi().withExtension(PreflightDao.class, dao -> dao.onHost(host));
        if (guests.isEmpty()) {
            throw new ExitException(ExitCodes.ERROR, "no archived guests on host '" + org.abiguard.PrintableText.of(host) + "'");
        }
        return guests;
    }

    private static TargetHost fromFiles(CapabilityFiles files) {
        Map<String, String> domcaps = new LinkedHashMap<>();
        for (Path file : files.domainCapabilities) {
            String xml = read(file);
            String type = TargetHost.virtTypeOf(xml);
            if (domcaps.put(type, xml) != null) {
                throw new AbiguardException("two --domcapabilities files for virtualization type " + type);
            }
        }
        return TargetHost.of(files.capabilities.toString(), read(files.capabilities), domcaps);
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AbiguardException("cannot read " + file + ": " + AbiguardException.oneLine(e.toString()), e);
        }
    }
}
