package org.abiguard.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The daemon's two Quartz schedulers: an in-memory one for this host's jobs, and a clustered JDBC one
 * on the archive's PostgreSQL (tables from V3__quartz_job_store.sql) for jobs that must run once per
 * fleet. The JDBC store has a pool of its own ({@link #FLEET_POOL_SIZE}; Quartz's default c3p0 is not on
 * the classpath), closed when the scheduler shuts down.
 */
final class Schedulers {
    static final String FLEET_DATA_SOURCE = "abiguard";
    /** The store's users at once: its worker thread, the scheduler thread, the cluster manager, the misfire handler. */
    static final int FLEET_POOL_SIZE = 4;

    private Schedulers() {
    }

    static Scheduler host(String hostName) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "abiguard-host-" + hostName);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return new StdSchedulerFactory(p).getScheduler();
    }

    /**
     * The clustered scheduler; its instance id is this host's archive name plus a random suffix (Quartz's
     * AUTO id resolves the machine's own host name, and a hypervisor whose name does not resolve would
     * then not start the daemon at all).
     */
    static Scheduler fleet(com.zaxxer.hikari.HikariDataSource pool, String hostName) throws SchedulerException {
        // One name per pool: DBConnectionManager is JVM-wide, and shutting a scheduler down closes its pool.
        String dataSource = FLEET_DATA_SOURCE + "-" + java.util.UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new PoolProvider(pool));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "abiguard-fleet");
        p.setProperty("org.quartz.scheduler.instanceId", hostName + "-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        // Job data as text properties, never Java-serialised objects read back from a shared table.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "20000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return new StdSchedulerFactory(p).getScheduler();
    }

    /** Hands Quartz connections from its own pool and closes the pool when Quartz shuts down. */
    private record PoolProvider(com.zaxxer.hikari.HikariDataSource pool) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            pool.close();
        }

        @Override
        public void initialize() {
        }
    }
}
