package org.abiguard.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The daemon's Quartz jobs. Each finds the running {@link Daemon} in its scheduler's context (never in
 * the persisted job data), and is {@code @DisallowConcurrentExecution}: per JobKey, one run at a time.
 * Failures are logged by the daemon and do not unschedule the job.
 */
final class DaemonJobs {
    static final String DAEMON = "abiguard.daemon";

    private DaemonJobs() {
    }

    static Daemon daemon(JobExecutionContext context) throws JobExecutionException {
        try {
            return (Daemon) context.getScheduler().getContext().get(DAEMON);
        } catch (SchedulerException e) {
            throw new JobExecutionException("no daemon in the scheduler context", e);
        }
    }

    /** Per host, in-memory store: snapshot + drift + report (+ metrics). */
    @DisallowConcurrentExecution
    public static final class Audit implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            daemon(context).audit();
        }
    }

    /** Per host, in-memory store: the host's last_heartbeat_at. */
    @DisallowConcurrentExecution
    public static final class Heartbeat implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            daemon(context).heartbeat();
        }
    }

    /** Once per fleet, clustered JDBC store: prune superseded live versions past retention. */
    @DisallowConcurrentExecution
    public static final class Retention implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            daemon(context).retention(context.getScheduledFireTime().toInstant());
        }
    }

    /** Once per fleet, clustered JDBC store: STATE_DIR/reports/fleet.html of every host. */
    @DisallowConcurrentExecution
    public static final class FleetReport implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            daemon(context).fleetReport(context.getScheduledFireTime().toInstant());
        }
    }
}
