package org.abiguard.schedule;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The daemon's Quartz jobs: one job class, the task named by the job's key ({@link Task}). Each run finds
 * the running {@link Daemon} in its scheduler's context (never in persisted job data: nothing of the job
 * store is deserialised), and is {@code @DisallowConcurrentExecution}: per JobKey, one run at a time.
 * Failures are logged by the daemon and do not unschedule the job.
 */
final class DaemonJobs {
    static final String DAEMON = "abiguard.daemon";

    /** What a job does; its name is the JobKey's name. */
    enum Task {
        /** Per host, in-memory store: snapshot + drift + report (+ metrics). */
        AUDIT("audit"),
        /** Per host, in-memory store: the host's last_heartbeat_at. */
        HEARTBEAT("heartbeat"),
        /** Once per fleet, clustered JDBC store: prune superseded live versions past retention. */
        RETENTION("retention"),
        /** Once per fleet, clustered JDBC store: STATE_DIR/reports/fleet.html of every host. */
        FLEET_REPORT("fleet-report");

        final String jobName;

        Task(String jobName) {
            this.jobName = jobName;
        }

        static Task named(String jobName) {
            for (Task task : values()) {
                if (task.jobName.equals(jobName)) {
                    return task;
                }
            }
            throw new IllegalArgumentException("no abiguard job named " + jobName);
        }
    }

    private DaemonJobs() {
    }

    @DisallowConcurrentExecution
    public static final class Run implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            Daemon daemon;
            try {
                daemon = (Daemon) context.getScheduler().getContext().get(DAEMON);
            } catch (SchedulerException e) {
                throw new JobExecutionException("no daemon in the scheduler context", e);
            }
            Instant fire = context.getScheduledFireTime().toInstant();
            switch (Task.named(context.getJobDetail().getKey().getName())) {
                case AUDIT -> daemon.audit();
                case HEARTBEAT -> daemon.heartbeat();
                case RETENTION -> daemon.retention(fire);
                case FLEET_REPORT -> daemon.fleetReport(fire);
                default -> throw new JobExecutionException("unknown task");
            }
        }
    }
}
