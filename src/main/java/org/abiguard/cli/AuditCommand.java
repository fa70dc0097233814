package org.abiguard.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.abiguard.archive.AtomicFiles;
import org.abiguard.archive.Database;
import org.abiguard.archive.DatabaseBusyException;
import org.abiguard.archive.PassHooks;
import org.abiguard.archive.Spool;
import org.abiguard.archive.SpoolingPass;
import org.abiguard.config.Config;
import org.abiguard.drift.DriftFinding;
import org.abiguard.libvirt.LibvirtConnections;
import org.abiguard.schedule.AuditRun;
import org.abiguard.schedule.AuditSkips;
import org.abiguard.report.MetricsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audit}: what the timer runs. Snapshot, drift, report under a per-host lock; a second audit of
 * the same host waits briefly, then exits 0 saying why it skipped. Drift is reported, not an error.
 */
@Command(name = "audit", description = {
        "Snapshot, then drift, then report: what the systemd timer runs. Writes STATE_DIR/reports/latest.html",
        "and a dated copy, and prints a summary. One audit per host at a time: a second one waits",
        "--lock-wait, then exits 0 saying it skipped. Exit 0 whatever drift is found; 2 on error."})
final class AuditCommand extends VerbCommand {
    @Option(names = "--metrics-file", paramLabel = "PATH",
            description = "Also write Prometheus textfile metrics to PATH, e.g. "
                    + "/var/lib/prometheus/node-exporter/abiguard.prom (written atomically).")
    Path metricsFile;

    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for a running audit of this host before skipping (default: ${DEFAULT-VALUE}).")
    Duration lockWait;

    @Option(names = "--max-skips", paramLabel = "N", defaultValue = "4",
            description = {"After this many audits in a row skipped because another held this host, exit 2 instead",
                    "of 0 (default: ${DEFAULT-VALUE}: an hour of the 15-minute timer)."})
    int maxSkips;

    @Option(names = "--pass-delay", hidden = true, defaultValue = "0s", converter = DurationConverter.class,
            description = "Fault tests only: hold each pass's transaction open this long before committing.")
    Duration passDelay;

    /** Another audit held the host: normal once, an error after --max-skips in a row. */
    private int skipped(Config config, String why) {
        int inARow = new AuditSkips(config.stateDir()).skipped();
        if (metricsFile != null) {
            // Read without following a symlink: the textfile directory may belong to another user (Prometheus'), who
            // could plant one at the metrics path to have root copy a file it cannot read into one it can.
            String existing = "";
            try (var channel = java.nio.file.Files.newByteChannel(metricsFile, java.util.Set.of(
                    java.nio.file.StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
                existing = java.nio.charset.StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(
                        java.nio.channels.Channels.newInputStream(channel).readNBytes(1 << 20))).toString();
            } catch (java.io.IOException e) {
                // absent, a symlink or unreadable: rewritten with the skip gauge alone
            }
            AtomicFiles.write(metricsFile, MetricsFile.withSkips(existing, config.hostName(), inARow), AtomicFiles.GROUP_READABLE);
        }
        if (inARow >= maxSkips) {
            throw new ExitException(ExitCodes.ERROR, config.hostName() + ": audit skipped " + inARow + " times in a row ("
                    + why + "): something holds this host's audit for good; look for a hung abiguard process");
        }
        spec.commandLine().getOut().println(config.hostName() + ": audit skipped (" + inARow + " in a row): " + why);
        return ExitCodes.OK;
    }

    @Override
    public Integer call() {
        Config config = main.config();
        AuditRun.Outcome outcome;
        try (LibvirtConnections connections = LibvirtConnections.openAll(config.libvirtUris())) {
            Optional<Database> database = SnapshotCommand.openUnlessUnavailable(config, spec.commandLine().getErr());
            if (database.isEmpty()) {
                SpoolingPass.Outcome spooled = SpoolingPass.run(database, config.hostName(), connections.all(),
                        PassHooks.NONE, new Spool(config.stateDir()));
                spec.commandLine().getOut().println(config.hostName() + ": database unreachable; pass spooled to "
                        + spooled.spooledTo().orElseThrow() + " (" + spooled.waiting() + " waiting); no drift or report");
                return ExitCodes.OK;
            }
            try (Database db = database.get()) {
                outcome = new AuditRun(db, config.hostName(), config.stateDir(), Optional.ofNullable(metricsFile))
                        .run(connections.all(), lockWait, PassHooks.delayBeforeCommit(passDelay));
            }
        } catch (DatabaseBusyException e) {
            return skipped(config, e.getMessage());
        }
        if (outcome.skippedBecause().isPresent()) {
            if (outcome.pass() == null && outcome.skippedBecause().get().startsWith("another audit")) {
                return skipped(config, outcome.skippedBecause().get());
            }
            spec.commandLine().getOut().println(config.hostName() + ": audit skipped: " + outcome.skippedBecause().get());
            return ExitCodes.OK;
        }
        new AuditSkips(config.stateDir()).completed();
        long visible = outcome.findings().stream().filter(DriftFinding::guestVisible).count();
        spec.commandLine().getOut().printf("%s: %d domains (%d running), %d new versions; open drift: %d guest-visible "
                        + "finding(s) on %d domain(s) of this host, %d host-side; report: %s%n", config.hostName(),
                outcome.pass().domainsSeen(), outcome.pass().domainsRunning(), outcome.pass().versionsAdded(), visible,
                outcome.report().domainsWithDrift(), outcome.findings().size() - visible, outcome.latestReport());
        return ExitCodes.OK;
    }
}
