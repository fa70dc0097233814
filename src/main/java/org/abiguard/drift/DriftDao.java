package org.abiguard.drift;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Baselines and the per-domain state drift compares; one query for all domains of a filter. */
public interface DriftDao {
    /**
     * Every present domain that may have open drift, optionally one domain (UUID or current name) and/or
     * one host, with its baseline, latest inactive and open live version. Gone domains have no open drift.
     * A running domain needs its live XML compared with its definition ({@code pending_check}) only when
     * either changed during the run: the definition was replaced after the live XML was taken (its
     * version number is higher), or the live XML changed after the run started from the definition
     * (hotplug: a second live version since the latest inactive one). A guest started from its current
     * definition has only libvirt's start-time expansions, so the common case costs no comparison.
     * The candidates come from the partial index of V6: domains with no second version are never read.
     * The verdict columns are libvirt's on the baseline/latest-inactive pair (V12), null while none is archived.
     */
    @SqlQuery("""
            with candidates as materialized (
                select d.id, d.uuid, d.name, h.name as domain_host from domains d join hosts h on h.id = d.host_id
                where d.gone_since is null
                  and d.id in (select c.domain_id from domain_versions c
                               where c.version >= 3 or (c.version = 2 and c.kind = 'inactive'))
                  and (cast(:domain as text) is null or d.uuid::text = lower(:domain) or d.name = :domain)
                  and (cast(:host as text) is null or h.name = :host))
            select d.id as domain_id, d.uuid, d.name, d.domain_host,
                   b.version as baseline_version, b.sha256 as baseline_sha256, b.first_seen as baseline_seen,
                   b.host_id as baseline_host_id,
                   i.version as inactive_version, i.sha256 as inactive_sha256, i.first_seen as inactive_seen,
                   i.host_id as inactive_host_id,
                   l.version as live_version, l.sha256 as live_sha256, l.host_id as live_host_id,
                   coalesce(l.version < i.version or exists (
                       select 1 from domain_versions lv where lv.domain_id = d.id and lv.kind = 'live'
                         and lv.version > i.version and lv.version < l.version), false) as pending_check,
                   av.outcome as verdict_outcome, av.judge as verdict_judge, av.message as verdict_message
            from candidates d
            join lateral (select v.version, v.sha256, v.first_seen, v.host_id from domain_versions v
                          where v.domain_id = d.id and v.kind = 'inactive' order by v.version desc limit 1) i on true
            join lateral (select v.version, v.sha256, v.first_seen, v.host_id from domain_versions v
                          where v.domain_id = d.id and v.version = coalesce(
                              (select bl.version from baselines bl where bl.domain_id = d.id order by bl.id desc limit 1),
                              (select min(v2.version) from domain_versions v2
                               where v2.domain_id = d.id and v2.kind = 'inactive'))) b on true
            left join lateral (select v.version, v.sha256, v.host_id from domain_versions v
                               where v.domain_id = d.id and v.kind = 'live' and v.last_seen is null
                               order by v.version desc limit 1) l on true
            left join abi_verdicts av on av.domain_id = d.id and av.baseline_version = b.version
                                     and av.observed_version = i.version
            where b.sha256 <> i.sha256 or l.version < i.version or exists (
                  select 1 from domain_versions lv where lv.domain_id = d.id and lv.kind = 'live'
                    and lv.version > i.version and lv.version < l.version)
            order by d.name, d.uuid""")
    @RegisterConstructorMapper(DomainDriftState.class)
    List<DomainDriftState> states(@Bind("domain") String domain, @Bind("host") String host);

    /** The domain's baseline: its last accepted version, else its first inactive version. */
    @SqlQuery("""
            select coalesce((select version from baselines where domain_id = :domainId order by id desc limit 1),
                            (select min(version) from domain_versions where domain_id = :domainId and kind = 'inactive'))""")
    Integer baselineVersion(@Bind("domainId") long domainId);

    @SqlQuery("select xml from domain_versions where domain_id = :domainId and version = :version")
    String xml(@Bind("domainId") long domainId, @Bind("version") int version);

    /** Several versions' XML in one round trip, keyed "domainId:version". */
    @SqlQuery("""
            select v.domain_id || ':' || v.version as key, v.xml from domain_versions v
            join unnest(:domainIds, :versions) as wanted(domain_id, version)
              on wanted.domain_id = v.domain_id and wanted.version = v.version""")
    @org.jdbi.v3.sqlobject.config.KeyColumn("key")
    @org.jdbi.v3.sqlobject.config.ValueColumn("xml")
    java.util.Map<String, String> xmls(@Bind("domainIds") long[] domainIds, @Bind("versions") int[] versions);

    @SqlUpdate("""
            insert into baselines (domain_id, version, accepted_by, reason, closed_findings)
            values (:domainId, :version, :by, :reason, cast(:closed as jsonb))""")
    void accept(@Bind("domainId") long domainId, @Bind("version") int version, @Bind("by") String by,
                @Bind("reason") String reason, @Bind("closed") String closedFindingsJson);

    @SqlQuery("select accepted_at from baselines where domain_id = :domainId order by id desc limit 1")
    Optional<Instant> lastAcceptedAt(@Bind("domainId") long domainId);

    @SqlQuery("select count(*) from baselines where domain_id = :domainId")
    int acceptances(@Bind("domainId") long domainId);

    /** A decision of the gate that a drift report names: a refused start or a start with drift. */
    record GateEvent(java.util.UUID domainUuid, Instant decidedAt, String verdict) {
    }

    /**
     * Only decisions from a host the domain was on (its host now, or either end of one of its moves): any host's
     * login writes its own host's decisions with whatever UUID it likes, and must not put context on another's guest.
     */
    @SqlQuery("""
            select g.domain_uuid, g.decided_at, g.verdict from gate_decisions g
            join domains d on d.uuid = g.domain_uuid
            where g.verdict in ('refused', 'warned') and g.domain_uuid = any(:uuids)
              and (g.host_id = d.host_id or exists (select 1 from domain_moves m where m.domain_id = d.id
                                                    and g.host_id in (m.from_host_id, m.to_host_id)))
            order by g.decided_at""")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(GateEvent.class)
    List<GateEvent> gateEvents(@Bind("uuids") java.util.UUID[] uuids);
}
