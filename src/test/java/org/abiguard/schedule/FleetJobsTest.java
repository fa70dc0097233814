package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.abiguard.archive.Database;
import org.abiguard.config.Config;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons — one in-process, one a separate JVM, as on two hosts — on one database: the fleet-wide
 * jobs run once per fleet through Quartz's clustered JDBC store, not once per daemon.
 */
class FleetJobsTest {
    @TempDir
    Path stateDir;

    @Test
    void fleetJobsRunOncePerFleetNotOncePerDaemon() throws Exception {
        try (TestDatabase db = TestDatabase.create("fleetjobs")) {
            Config config = new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                    Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "hv-a", stateDir.resolve("a"),
                    Optional.empty());
            Path log = stateDir.resolve("b.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.abiguard.cli.Main",
                    "daemon", "--interval", "1h", "--no-events", "--fleet-interval", "2s"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("ABIGUARD_DB_URL", db.url(), "ABIGUARD_DB_USER", TestDatabase.USER,
                    "ABIGUARD_DB_PASSWORD", TestDatabase.PASSWORD, "ABIGUARD_HOST", "hv-b",
                    "ABIGUARD_LIBVIRT_URI", TestGuests.URI, "ABIGUARD_STATE_DIR", stateDir.resolve("b").toString()));
            try (Database database = Database.open(config)) {
                Daemon a = new Daemon(config, database, new DaemonSettings(Duration.ofHours(1), Duration.ofSeconds(30),
                        Duration.ofDays(90), Duration.ofSeconds(2), false, Optional.empty(), Duration.ZERO));
                a.start();
                Process b = builder.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (db.queryLong("select count(distinct instance_name) from qrtz_scheduler_state") < 2) {
                    assertTrue(System.nanoTime() < deadline, "the second daemon joined the cluster");
                    Thread.sleep(200);
                }
                Thread.sleep(10_000);
                b.destroy();
                assertTrue(b.waitFor(60, TimeUnit.SECONDS));
                a.close();

                // Exact: every scheduled fire of a fleet job ran on exactly one of the two daemons.
                List<String> fires = new java.util.ArrayList<>(a.fleetFires());
                fires.addAll(fires(log));
                assertEquals(fires.size(), new java.util.HashSet<>(fires).size(), "a fire ran twice: " + fires);
                assertTrue(fires.stream().filter(f -> f.startsWith("retention@")).count() >= 3
                        && fires.stream().filter(f -> f.startsWith("fleet-report@")).count() >= 3,
                        "each job fired at least 3 times in 10 s at a 2 s interval: " + fires);
                assertEquals(2, db.queryLong("select count(*) from qrtz_job_details where job_group = 'abiguard'"),
                        "one definition of each fleet job, shared");
            }
        }
    }

    private static List<String> fires(Path log) throws Exception {
        java.util.regex.Pattern fired = java.util.regex.Pattern.compile("fleet job (\\S+) fired for (\\S+)");
        List<String> fires = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            java.util.regex.Matcher m = fired.matcher(line);
            if (m.find()) {
                fires.add(m.group(1) + "@" + m.group(2));
            }
        }
        return fires;
    }

    /**
     * A job store the release before wrote (useProperties=false: job data as serialised Java objects in the
     * triggers' blobs), then a daemon of this release (useProperties=true) on it: the fleet jobs still fire.
     */
    @Test
    void aJobStoreWrittenBeforeUsePropertiesStillRunsTheFleetJobs() throws Exception {
        try (TestDatabase db = TestDatabase.create("oldstore")) {
            Config config = new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                    Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "hv-old", stateDir.resolve("old"),
                    Optional.empty());
            try (Database database = Database.open(config)) {
                com.zaxxer.hikari.HikariDataSource pool = database.newPool("old-quartz", 2);
                String source = "old-store-" + java.util.UUID.randomUUID();
                org.quartz.utils.DBConnectionManager.getInstance().addConnectionProvider(source,
                        new org.quartz.utils.ConnectionProvider() {
                            public java.sql.Connection getConnection() throws java.sql.SQLException {
                                return pool.getConnection();
                            }

                            public void shutdown() {
                                pool.close();
                            }

                            public void initialize() {
                            }
                        });
                java.util.Properties p = new java.util.Properties();
                p.setProperty("org.quartz.scheduler.instanceName", "abiguard-fleet");
                p.setProperty("org.quartz.scheduler.instanceId", "old-release");
                p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
                p.setProperty("org.quartz.threadPool.threadCount", "1");
                p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
                p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
                p.setProperty("org.quartz.jobStore.dataSource", source);
                p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
                p.setProperty("org.quartz.jobStore.isClustered", "true");
                org.quartz.Scheduler old = new org.quartz.impl.StdSchedulerFactory(p).getScheduler();
                for (DaemonJobs.Task task : List.of(DaemonJobs.Task.RETENTION, DaemonJobs.Task.FLEET_REPORT)) {
                    org.quartz.JobDetail detail = org.quartz.JobBuilder.newJob(DaemonJobs.Run.class)
                            .withIdentity(task.jobName, "abiguard").storeDurably().usingJobData("written-by", "old").build();
                    old.addJob(detail, true);
                    old.scheduleJob(org.quartz.TriggerBuilder.newTrigger().withIdentity(task.jobName, "abiguard")
                            .forJob(detail).usingJobData("written-by", "old").startNow()
                            .withSchedule(org.quartz.SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(2000)
                                    .repeatForever()).build());
                }
                old.shutdown(true);
                assertEquals(2, db.queryLong("select count(*) from qrtz_triggers where job_data is not null"));

                Daemon daemon = new Daemon(config, database, new DaemonSettings(Duration.ofHours(1), Duration.ofSeconds(30),
                        Duration.ofDays(90), Duration.ofSeconds(2), false, Optional.empty(), Duration.ZERO));
                daemon.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (daemon.fleetRuns() < 4) {
                    assertTrue(System.nanoTime() < deadline, "the old triggers fired under this release: " + daemon.fleetFires());
                    Thread.sleep(200);
                }
                daemon.close();
            }
        }
    }
}
