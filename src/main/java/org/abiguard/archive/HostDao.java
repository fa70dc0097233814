package org.abiguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Hosts: one row per archived hypervisor, identified by its name. */
public interface HostDao {
    @SqlQuery("select id from hosts where name = :name")
    Optional<Long> findId(@Bind("name") String name);

    /** Inserts the host if new; returns its id either way. Takes no lock and writes nothing when it exists. */
    default long ensure(String name) {
        return findId(name).orElseGet(() -> {
            insertIfAbsent(name);
            return findId(name).orElseThrow();
        });
    }

    @SqlUpdate("insert into hosts (name) values (:name) on conflict (name) do nothing")
    void insertIfAbsent(@Bind("name") String name);

    @SqlQuery("select last_pass_at from hosts where id = :id")
    Optional<Instant> lastPassAt(@Bind("id") long id);

    /** A host's liveness as restore judges it; {@code databaseNow} is the database's clock, the one heartbeats use. */
    record HostState(long id, String name, Instant lastPassAt, Instant lastHeartbeatAt, Instant markedDownAt,
                     String markedDownReason, Instant databaseNow) {
    }

    @SqlQuery("select id, name, last_pass_at, last_heartbeat_at, marked_down_at, marked_down_reason, now() as database_now"
            + " from hosts where name = :name")
    @RegisterConstructorMapper(HostState.class)
    Optional<HostState> state(@Bind("name") String name);

    /** Records that a person declared the host down (lost, being evacuated); returns rows changed. */
    @SqlUpdate("update hosts set marked_down_at = now(), marked_down_reason = :reason where name = :name")
    int markDown(@Bind("name") String name, @Bind("reason") String reason);

    /** The daemon's sign of life between passes (restore reads it to decide a host is gone). */
    @SqlUpdate("update hosts set last_heartbeat_at = now() where name = :name")
    int heartbeat(@Bind("name") String name);

    /**
     * A pass of {@code observedAt} was archived: the last pass moves forward only (a replayed pass is older),
     * and the heartbeat is the database's clock, never the agent's, so one host's clock cannot open or close
     * another's evacuation interlock.
     */
    @SqlUpdate("update hosts set last_pass_at = greatest(coalesce(last_pass_at, :at), :at), last_heartbeat_at = now() where id = :id")
    void recordPass(@Bind("id") long id, @Bind("at") Instant observedAt);

    @SqlQuery("select id, name from hosts")
    @RegisterConstructorMapper(HostName.class)
    List<HostName> names();

    /** A host's id and name. */
    record HostName(long id, String name) {
    }

    @SqlQuery("""
            select h.name, h.first_seen, h.last_pass_at, h.last_heartbeat_at, h.marked_down_at, h.marked_down_reason,
                   (select count(*) from domains d where d.host_id = h.id and d.gone_since is null) as domains,
                   f.libvirt_version, f.hypervisor_type, f.hypervisor_version, f.kernel_release, f.boot_id,
                   f.cpu_model, f.machine_types, f.observed_at as facts_observed_at,
                   (select l.login from host_logins l where l.host_id = h.id and l.revoked_at is null) as login
            from hosts h
            left join lateral (select * from host_facts hf where hf.host_id = h.id
                               order by hf.observed_at desc, hf.id desc limit 1) f on true
            order by h.name""")
    @RegisterConstructorMapper(HostSummary.class)
    List<HostSummary> list();
}
