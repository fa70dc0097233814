package org.abiguard.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.abiguard.archive.Database;
import org.abiguard.archive.HostDao;
import org.abiguard.archive.PassSummary;
import org.abiguard.archive.SnapshotPass;
import org.abiguard.config.Config;
import org.abiguard.drift.ArchiveDrift;
import org.abiguard.drift.DriftFilter;
import org.abiguard.drift.DriftFinding;
import org.abiguard.libvirt.LibvirtConnections;
import org.abiguard.report.AtomicFiles;
import org.abiguard.report.MetricsFile;
import org.abiguard.report.ReportBuilder;
import org.abiguard.report.ReportData;
import org.abiguard.report.ReportFormat;
import org.abiguard.report.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: what the timer runs. Snapshot, drift, report: writes {@code reports/latest.html} and a
 * dated copy under the state directory, optionally node_exporter metrics, and prints a short summary.
 * Drift is reported, not an error: exit 0 unless something failed.
 */
@Command(name = "audit", description = {
        "Snapshot, then drift, then report: what the systemd timer runs. Writes STATE_DIR/reports/latest.html",
        "and a dated copy, and prints a summary. Exit 0 whatever drift is found; 2 on error."})
final class AuditCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--metrics-file", paramLabel = "PATH",
            description = "Also write Prometheus textfile metrics to PATH, e.g. "
                    + "/var/lib/prometheus/node-exporter/abiguard.prom (written atomically).")
    Path metricsFile;

    @Override
    public Integer call() {
        Config config = main.config();
        Instant now = Instant.now();
        PassSummary pass;
        List<DriftFinding> findings;
        ReportData report;
        try (LibvirtConnections connections = LibvirtConnections.openAll(config.libvirtUris());
             Database database = Database.open(config)) {
            pass = new SnapshotPass(database.jdbi(), config.hostName()).run(connections.all());
            findings = new ArchiveDrift(database.jdbi()).open(DriftFilter.ALL);
            report = new ReportBuilder(database.jdbi()).build(now);
            if (metricsFile != null) {
                AtomicFiles.write(metricsFile, MetricsFile.render(
                        database.jdbi().withExtension(HostDao.class, HostDao::list), findings));
            }
        }
        Path reports = config.stateDir().resolve("reports");
        String html = ReportRenderer.render(report, ReportFormat.html);
        Path dated = reports.resolve("abiguard-report-" + STAMP.format(now) + ".html");
        AtomicFiles.write(dated, html);
        AtomicFiles.write(reports.resolve("latest.html"), html);
        long visible = findings.stream().filter(DriftFinding::guestVisible).count();
        spec.commandLine().getOut().printf("%s: %d domains (%d running), %d new versions; open drift: %d guest-visible "
                        + "finding(s) on %d domain(s), %d host-side; report: %s%n", config.hostName(), pass.domainsSeen(),
                pass.domainsRunning(), pass.versionsAdded(), visible, report.domainsWithDrift(),
                findings.size() - visible, reports.resolve("latest.html"));
        return ExitCodes.OK;
    }
}
