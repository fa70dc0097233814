package org.abiguard.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The daemon's two Quartz schedulers: an in-memory one for this host's jobs, and a clustered JDBC one
 * on the archive's PostgreSQL (tables from V3__quartz_job_store.sql) for jobs that must run once per
 * fleet. The JDBC store borrows connections from the archive's pool: Quartz's own default pool (c3p0)
 * is not on the classpath.
 */
final class Schedulers {
    static final String FLEET_DATA_SOURCE = "abiguard";

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

    static Scheduler fleet(DataSource dataSource) throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider(FLEET_DATA_SOURCE, new PoolProvider(dataSource));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "abiguard-fleet");
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", FLEET_DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "20000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return new StdSchedulerFactory(p).getScheduler();
    }

    /** Hands Quartz connections from the archive's pool; the pool's owner closes it. */
    private record PoolProvider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
