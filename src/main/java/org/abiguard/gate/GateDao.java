package org.abiguard.gate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the gate needs from the archive: each domain's baseline on a host, and its decisions. */
public interface GateDao {
    /** A domain's baseline: the last accepted inactive version, else its first. */
    record BaselineRef(long domainId, UUID uuid, String name, int version) {
    }

    @SqlQuery("""
            select d.id as domain_id, d.uuid, d.name,
                   coalesce((select b.version from baselines b where b.domain_id = d.id order by b.id desc limit 1),
                            (select min(v.version) from domain_versions v where v.domain_id = d.id and v.kind = 'inactive'))
                   as version
            from domains d join hosts h on h.id = d.host_id
            where h.name = :host and d.gone_since is null""")
    @RegisterConstructorMapper(BaselineRef.class)
    List<BaselineRef> baselinesOn(@Bind("host") String hostName);

    /** Inserts a journal entry once (its id is the key). */
    @SqlUpdate("""
            insert into gate_decisions (id, host_id, domain_uuid, domain_name, decided_at, operation, mode, verdict, findings,
                                        judge)
            values (:id, (select id from hosts where name = :host), :uuid, :name, :at, :operation, :mode, :verdict,
                    cast(:findings as jsonb), :judge)
            on conflict (id) do nothing""")
    int insert(@Bind("id") UUID id, @Bind("host") String hostName, @Bind("uuid") UUID uuid, @Bind("name") String name,
               @Bind("at") Instant at, @Bind("operation") String operation, @Bind("mode") String mode,
               @Bind("verdict") String verdict, @Bind("findings") String findingsJson, @Bind("judge") String judge);

    /** A domain's decisions in a time window, oldest first, for drift context and the report. */
    record DecisionRow(UUID domainUuid, Instant decidedAt, String operation, String mode, String verdict) {
    }

    @SqlQuery("""
            select domain_uuid, decided_at, operation, mode, verdict from gate_decisions
            where domain_uuid = :uuid and decided_at >= :from order by decided_at""")
    @RegisterConstructorMapper(DecisionRow.class)
    List<DecisionRow> since(@Bind("uuid") UUID uuid, @Bind("from") Instant from);
}
