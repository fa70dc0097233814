package org.abiguard.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.abiguard.AbiguardException;
import org.abiguard.archive.Database;
import org.abiguard.config.Config;
import org.abiguard.schedule.Daemon;
import org.abiguard.schedule.DaemonSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code daemon}: the systemd service. Runs until SIGTERM/SIGINT, then lets a running pass commit (or
 * roll back) and exits 0.
 */
@Command(name = "daemon", description = {
        "Run as a service: audit this host every --interval (first run at start), heartbeat, archive",
        "libvirt changes within seconds of their events, and run the fleet jobs (retention, fleet",
        "report) once per fleet through Quartz's clustered store. SIGTERM finishes the current pass."})
final class DaemonCommand extends VerbCommand {
    @Option(names = "--interval", defaultValue = "15m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Audit interval (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--heartbeat-interval", defaultValue = "60s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Heartbeat interval (default: ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Option(names = "--retain-live", defaultValue = "90d", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Prune live versions superseded longer ago than this (default: ${DEFAULT-VALUE}); "
                    + "inactive versions are never pruned.")
    Duration retainLive;

    @Option(names = "--fleet-interval", defaultValue = "1h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Interval of the fleet-wide jobs (default: ${DEFAULT-VALUE}).")
    Duration fleetInterval;

    @Option(names = "--no-events", description = "Do not listen to libvirt events; rely on the interval only.")
    boolean noEvents;

    @Option(names = "--metrics-file", paramLabel = "PATH", description = "node_exporter textfile written after each audit.")
    Path metricsFile;

    @Option(names = "--pass-delay", hidden = true, defaultValue = "0s", converter = DurationConverter.class,
            description = "Fault tests only: hold each pass's transaction open this long before committing.")
    Duration passDelay;

    @Override
    public Integer call() throws Exception {
        if (interval.isZero() || interval.isNegative()) {
            throw new AbiguardException("--interval must be positive");
        }
        Config config = main.config();
        Database database = Database.open(config);
        Daemon daemon = new Daemon(config, database, new DaemonSettings(interval, heartbeat, retainLive, fleetInterval,
                !noEvents, Optional.ofNullable(metricsFile), passDelay));
        CountDownLatch stopped = new CountDownLatch(1);
        Signals.onStop(stopped::countDown);
        try (database; daemon) {
            daemon.start();
            stopped.await(); // SIGTERM/SIGINT: then the daemon lets its pass commit, and only then the database stops
        }
        return ExitCodes.OK;
    }
}
