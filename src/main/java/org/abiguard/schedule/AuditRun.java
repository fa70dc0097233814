package org.abiguard.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.abiguard.archive.ArchiveLock;
import org.abiguard.archive.Database;
import org.abiguard.archive.DatabaseUnavailableException;
import org.abiguard.archive.HostDao;
import org.abiguard.archive.PassHooks;
import org.abiguard.archive.PassSummary;
import org.abiguard.archive.Spool;
import org.abiguard.archive.SpoolingPass;
import org.abiguard.drift.ArchiveDrift;
import org.abiguard.drift.DriftFilter;
import org.abiguard.drift.DriftFinding;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.archive.AtomicFiles;
import org.abiguard.report.MetricsFile;
import org.abiguard.report.ReportBuilder;
import org.abiguard.report.ReportData;
import org.abiguard.report.ReportFormat;
import org.abiguard.report.ReportRenderer;

/**
 * One audit of one host: snapshot, then this host's drift and report ({@code reports/latest.html} and a dated copy under
 * the state directory) and, if asked, node_exporter metrics; under an {@link AdvisoryLock} so two audits
 * of a host never overlap. Used by the {@code audit} command (the timer) and the daemon's audit job.
 * Thread-safe as long as each call gets its own connections.
 */
public final class AuditRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Database database;
    private final String hostName;
    private final Path stateDir;
    private final Optional<Path> metricsFile;

    public AuditRun(Database database, String hostName, Path stateDir, Optional<Path> metricsFile) {
        this.database = database;
        this.hostName = hostName;
        this.stateDir = stateDir;
        this.metricsFile = metricsFile;
    }

    /** What an audit did; {@code skippedBecause} is set (and the rest empty) when another audit held the host. */
    public record Outcome(Optional<String> skippedBecause, PassSummary pass, List<DriftFinding> findings,
                          ReportData report, Path latestReport) {
    }

    /** Runs the audit, waiting up to {@code lockWait} for a concurrent audit of this host to finish. */
    public Outcome run(List<LibvirtConnection> connections, Duration lockWait, PassHooks hooks) {
        Optional<ArchiveLock> lock;
        try {
            long hostId = database.jdbi().withExtension(HostDao.class, hosts -> hosts.ensure(hostName));
            lock = ArchiveLock.tryAcquire(database.dataSource(), ArchiveLock.auditOf(hostId), hostId, lockWait);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailableException.isConnectionLoss(e)) {
                throw e;
            }
            // The database is away: the pass is still taken, into the spool, and replays when it is back.
            SpoolingPass.Outcome spooled = SpoolingPass.run(Optional.empty(), hostName, connections, hooks,
                    new Spool(stateDir));
            return new Outcome(Optional.of("the database is away; the pass was spooled to "
                    + spooled.spooledTo().orElseThrow() + " (" + spooled.waiting() + " waiting)"), null, List.of(),
                    null, null);
        }
        if (lock.isEmpty()) {
            return new Outcome(Optional.of("another audit of host " + hostName + " is still running (waited "
                    + lockWait.toSeconds() + " s)"), null, List.of(), null, null);
        }
        try (ArchiveLock held = lock.get()) {
            SpoolingPass.Outcome written = SpoolingPass.run(Optional.of(database), hostName, connections, hooks,
                    new Spool(stateDir));
            if (written.pass().isEmpty()) {
                return new Outcome(Optional.of("the database dropped during the pass; it was spooled to "
                        + written.spooledTo().orElseThrow() + " and replays at the next run"), null, List.of(), null, null);
            }
            PassSummary pass = written.pass().get();
            org.abiguard.gate.GateSync.afterPass(database, hostName, stateDir,
                    connections.stream().map(LibvirtConnection::uri).toList());
            // This host's drift and report only: on a fleet every host audits, the fleet report is the daemon's job.
            List<DriftFinding> findings = new ArchiveDrift(database.jdbi()).open(
                    new DriftFilter(Optional.empty(), Optional.of(hostName), Optional.empty()));
            Instant now = Instant.now();
            ReportData report = new ReportBuilder(database.jdbi()).build(now, Optional.of(hostName));
            String html = ReportRenderer.render(report, ReportFormat.html);
            Path reports = stateDir.resolve("reports");
            AtomicFiles.write(reports.resolve("abiguard-report-" + STAMP.format(now) + ".html"), html, AtomicFiles.GROUP_READABLE);
            Path latest = reports.resolve("latest.html");
            AtomicFiles.write(latest, html, AtomicFiles.GROUP_READABLE);
            metricsFile.ifPresent(file -> AtomicFiles.write(file, MetricsFile.render(database.jdbi()
                    .withExtension(HostDao.class, HostDao::list).stream()
                    .filter(h -> h.name().equals(hostName)).toList(), findings, hostName), AtomicFiles.GROUP_READABLE));
            return new Outcome(Optional.empty(), pass, findings, report, latest);
        }
    }
}
