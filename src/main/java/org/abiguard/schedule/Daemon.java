package org.abiguard.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.abiguard.archive.Database;
import org.abiguard.archive.HostLogin;
import org.abiguard.archive.DomainVersionDao;
import org.abiguard.archive.HostDao;
import org.abiguard.archive.PassHooks;
import org.abiguard.archive.Spool;
import org.abiguard.archive.SpoolingPass;
import org.abiguard.config.Config;
import org.abiguard.libvirt.LibvirtConnections;
import org.abiguard.archive.AtomicFiles;
import org.abiguard.report.ReportBuilder;
import org.abiguard.report.ReportFormat;
import org.abiguard.report.ReportRenderer;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running service: this host's audit and heartbeat on an in-memory Quartz scheduler (the
 * audit runs at start, so a run missed while the daemon was down happens once, then every interval);
 * retention and the fleet report on the clustered JDBC scheduler (once per fleet); and, with events on,
 * a libvirt listener whose events archive the change within seconds. {@link #close()} lets a running
 * pass commit (or roll back on error) before returning. Thread-safe.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final Config config;
    private final Database database;
    private final DaemonSettings settings;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong fleetRuns = new AtomicLong();
    private final java.util.List<String> fleetFires = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private Scheduler hostScheduler;
    private Scheduler fleetScheduler;
    private PassTrigger trigger;
    private LibvirtEvents events;

    public Daemon(Config config, Database database, DaemonSettings settings) {
        this.config = config;
        this.database = database;
        this.settings = settings;
    }

    public synchronized void start() throws Exception {
        hostScheduler = Schedulers.host(config.hostName());
        hostScheduler.getContext().put(DaemonJobs.DAEMON, this);
        schedule(hostScheduler, DaemonJobs.Task.AUDIT, settings.auditInterval());
        schedule(hostScheduler, DaemonJobs.Task.HEARTBEAT, settings.heartbeatInterval());
        DeserializationFilter.install();
        boolean hostLogin = !config.embeddedDatabase() && HostLogin.boundHost(database.jdbi()).isPresent();
        if (hostLogin) {
            // Its login may not write Quartz's tables, nor see the fleet the jobs are about (V9).
            log.info("host login: this daemon runs no fleet jobs (retention, fleet report); a daemon with an operator "
                    + "login runs them");
        } else {
            fleetScheduler = Schedulers.fleet(database.newPool("abiguard-quartz", Schedulers.FLEET_POOL_SIZE),
                    config.hostName());
            fleetScheduler.getContext().put(DaemonJobs.DAEMON, this);
            schedule(fleetScheduler, DaemonJobs.Task.RETENTION, settings.fleetJobInterval());
            schedule(fleetScheduler, DaemonJobs.Task.FLEET_REPORT, settings.fleetJobInterval());
        }
        if (settings.events()) {
            trigger = new PassTrigger(this::eventPass, DaemonSettings.EVENT_DEBOUNCE);
            events = new LibvirtEvents(config.libvirtUris().get(0), trigger::request);
            events.start();
        }
        hostScheduler.start();
        if (fleetScheduler != null) {
            fleetScheduler.start();
        }
        log.info("daemon started for host {}: audit every {}, events {}", config.hostName(), settings.auditInterval(),
                settings.events() ? "on" : "off");
    }

    /**
     * Jobs start now and repeat. The job definition is stored with replace (an upgraded daemon rewrites the
     * class a fleet's store names); a trigger another fleet member already scheduled is left as it is.
     */
    private static void schedule(Scheduler scheduler, DaemonJobs.Task task, Duration every) throws SchedulerException {
        String name = task.jobName;
        JobDetail detail = JobBuilder.newJob(DaemonJobs.Run.class).withIdentity(name, "abiguard").storeDurably().build();
        scheduler.addJob(detail, true);
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, "abiguard").forJob(detail).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(every.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNowWithExistingCount())
                .build();
        try {
            scheduler.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException e) {
            log.debug("{} is already scheduled in {}", name, scheduler.getSchedulerName());
        }
    }

    /** Fleet-wide job runs (retention and fleet report) executed by this daemon. */
    public long fleetRuns() {
        return fleetRuns.get();
    }

    /** Passes completed by this daemon (audit and event-triggered). */
    public long passes() {
        return passes.get();
    }

    void audit() {
        try (LibvirtConnections connections = LibvirtConnections.openAll(config.libvirtUris())) {
            AuditRun.Outcome outcome = new AuditRun(database, config.hostName(), config.stateDir(),
                    settings.metricsFile()).run(connections.all(), Duration.ZERO, hooks());
            if (outcome.skippedBecause().isPresent()) {
                log.info("audit skipped: {}", outcome.skippedBecause().get());
                return;
            }
            passes.incrementAndGet();
            log.info("audit: {} domains, {} new versions, {} open finding(s)", outcome.pass().domainsSeen(),
                    outcome.pass().versionsAdded(), outcome.findings().size());
        } catch (RuntimeException e) {
            log.error("audit failed: {}", e.getMessage());
        }
    }

    private void eventPass() {
        try (LibvirtConnections connections = LibvirtConnections.openAll(config.libvirtUris())) {
            var outcome = SpoolingPass.run(Optional.of(database), config.hostName(), connections.all(), hooks(),
                    new Spool(config.stateDir()));
            passes.incrementAndGet();
            if (outcome.pass().isPresent()) {
                org.abiguard.gate.GateSync.afterPass(database, config.hostName(), config.stateDir(), config.libvirtUris());
            }
            outcome.pass().ifPresentOrElse(
                    pass -> log.info("libvirt event: archived, {} new versions", pass.versionsAdded()),
                    () -> log.warn("libvirt event: database away, pass spooled ({} waiting)", outcome.waiting()));
        }
    }

    private PassHooks hooks() {
        return PassHooks.delayBeforeCommit(settings.passDelay());
    }

    void heartbeat() {
        try {
            database.jdbi().useExtension(HostDao.class, hosts -> hosts.heartbeat(config.hostName()));
        } catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    /** "job@scheduled-fire-time" of every fleet job run here: across a fleet each must appear once. */
    public java.util.List<String> fleetFires() {
        return java.util.List.copyOf(fleetFires);
    }

    private void fired(String job, Instant scheduledFire) {
        fleetRuns.incrementAndGet();
        fleetFires.add(job + "@" + scheduledFire);
        log.info("fleet job {} fired for {}", job, scheduledFire);
    }

    void retention(Instant scheduledFire) {
        fired("retention", scheduledFire);
        try {
            int pruned = database.jdbi().withExtension(DomainVersionDao.class,
                    dao -> dao.pruneLiveBefore(Instant.now().minus(settings.retainLive())));
            log.info("retention: pruned {} live version(s) superseded over {} ago", pruned, settings.retainLive());
        } catch (RuntimeException e) {
            log.error("retention failed: {}", e.getMessage());
        }
    }

    void fleetReport(Instant scheduledFire) {
        fired("fleet-report", scheduledFire);
        try {
            AtomicFiles.write(config.stateDir().resolve("reports").resolve("fleet.html"), ReportRenderer.render(
                    new ReportBuilder(database.jdbi()).build(Instant.now()), ReportFormat.html), AtomicFiles.GROUP_READABLE);
        } catch (RuntimeException e) {
            log.error("fleet report failed: {}", e.getMessage());
        }
    }

    /** Stops listening, lets running jobs and passes finish, stops both schedulers. */
    @Override
    public synchronized void close() throws Exception {
        if (events != null) {
            events.close();
        }
        if (trigger != null) {
            trigger.close(SHUTDOWN_WAIT);
        }
        if (hostScheduler != null) {
            hostScheduler.shutdown(true);
        }
        if (fleetScheduler != null) {
            fleetScheduler.shutdown(true);
        }
        log.info("daemon stopped after {} pass(es)", passes.get());
    }
}
