package org.abiguard.archive;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Snapshot passes: exactly one row per completed pass of a host; a failed pass leaves none. */
public interface PassDao {
    @SqlUpdate("""
            insert into passes (host_id, started_at, finished_at, duration_ms, domains_seen, domains_running,
                                versions_added, domains_gone, domains_skipped, outcome, observation_id)
            values (:hostId, :startedAt, :finishedAt, :durationMs, :domainsSeen, :domainsRunning,
                    :versionsAdded, :domainsGone, :domainsSkipped, :outcome, :observationId)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("hostId") long hostId, @BindMethods PassSummary pass, @Bind("observationId") UUID observationId);

    @SqlQuery("select count(*) > 0 from passes where observation_id = :id")
    boolean written(@Bind("id") UUID observationId);

    @SqlQuery("""
            select started_at, finished_at, duration_ms, domains_seen, domains_running, versions_added,
                   domains_gone, domains_skipped, outcome
            from passes where host_id = :hostId order by finished_at desc, id desc limit 1""")
    @RegisterConstructorMapper(PassSummary.class)
    Optional<PassSummary> latest(@Bind("hostId") long hostId);
}
