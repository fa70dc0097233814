package org.abiguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Domain versions: append-only XML, plus last_seen set once when a version stops being current.
 * A current version's last sighting is its host's last_pass_at, so unchanged passes write nothing here.
 */
public interface DomainVersionDao {
    String SUMMARY_COLUMNS = """
            select v.version, v.kind, v.sha256, v.first_seen,
                   coalesce(v.last_seen, greatest(v.first_seen, dh.last_pass_at)) as last_seen,
                   vh.name as host
            from domain_versions v
            join domains d on d.id = v.domain_id
            join hosts dh on dh.id = d.host_id
            join hosts vh on vh.id = v.host_id
            """;

    @SqlBatch("""
            insert into domain_versions (domain_id, version, kind, sha256, xml, first_seen, host_id, pass_id)
            values (:domainId, :version, :kind, :sha256, :xml, :firstSeen, :hostId, :passId)""")
    void insertAll(@BindMethods List<NewVersion> versions);

    /** Closes versions that stopped being current; their last sighting was {@code lastSeen} (or their first). */
    @SqlUpdate("update domain_versions set last_seen = greatest(first_seen, :lastSeen) where id = any(:ids)")
    void close(@Bind("ids") long[] ids, @Bind("lastSeen") Instant lastSeen);

    @SqlUpdate("update domain_versions set last_seen = null where id = any(:ids)")
    void reopen(@Bind("ids") long[] ids);

    @SqlQuery(SUMMARY_COLUMNS + " where v.domain_id = :domainId order by v.version")
    @RegisterConstructorMapper(VersionSummary.class)
    List<VersionSummary> history(@Bind("domainId") long domainId);

    @SqlQuery("select xml from domain_versions where domain_id = :domainId and version = :version")
    Optional<String> xmlOf(@Bind("domainId") long domainId, @Bind("version") int version);

    @SqlQuery("select kind from domain_versions where domain_id = :domainId and version = :version")
    Optional<String> kindOf(@Bind("domainId") long domainId, @Bind("version") int version);

    @SqlQuery("select max(version) from domain_versions where domain_id = :domainId and kind = :kind")
    Optional<Integer> latest(@Bind("domainId") long domainId, @Bind("kind") String kind);

    /**
     * Retention: deletes live versions that stopped being current before {@code before}. Current live
     * versions, every inactive version (baselines, restore sources), the live versions of the last period
     * and each domain's highest-numbered version stay: the next number is max + 1, so keeping the max means
     * a number is never given twice and {@code show --version N} never changes meaning.
     */
    @SqlUpdate("delete from domain_versions v where v.kind = 'live' and v.last_seen is not null and v.last_seen < :before"
            + " and v.version < (select max(m.version) from domain_versions m where m.domain_id = v.domain_id)")
    int pruneLiveBefore(@Bind("before") Instant before);

    @SqlQuery("select count(*) from domain_versions where domain_id = :domainId")
    int count(@Bind("domainId") long domainId);
}
