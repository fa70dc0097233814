package org.abiguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.abiguard.AbiguardException;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Domains by UUID, with their current host and gone-since; one query gives a pass all it compares against. */
public interface DomainDao {
    String KNOWN_COLUMNS = """
            select d.id, d.uuid, d.name, d.host_id, d.gone_since,
                   i.id as inactive_version_id, i.sha256 as inactive_sha256, coalesce(i.last_seen is null, false) as inactive_open,
                   l.id as live_version_id, l.sha256 as live_sha256, coalesce(l.last_seen is null, false) as live_open,
                   coalesce(greatest(i.version, l.version), i.version, l.version, 0) as max_version
            from domains d
            left join lateral (select id, sha256, last_seen, version from domain_versions v
                               where v.domain_id = d.id and v.kind = 'inactive' order by version desc limit 1) i on true
            left join lateral (select id, sha256, last_seen, version from domain_versions v
                               where v.domain_id = d.id and v.kind = 'live' order by version desc limit 1) l on true
            """;

    /** The domains a pass of {@code hostId} must compare against: those it sees and those it should still have. */
    @SqlQuery(KNOWN_COLUMNS + " where d.uuid = any(:uuids) or (d.host_id = :hostId and d.gone_since is null)")
    @RegisterConstructorMapper(KnownDomain.class)
    List<KnownDomain> knownForPass(@Bind("hostId") long hostId, @Bind("uuids") UUID[] uuids);

    /**
     * Moves the domains among {@code uuids} that the archive has on another host to {@code hostId}, with a move
     * row each (V9's abiguard_move_in). A host login moves a domain in only once its old host released it or is
     * marked down; returns the UUIDs it left where they are. Locks the moved rows until the transaction ends.
     */
    @SqlQuery("select abiguard_move_in(:hostId, :uuids, :at)")
    List<UUID> moveIn(@Bind("hostId") long hostId, @Bind("uuids") UUID[] uuids, @Bind("at") Instant at);

    /**
     * Row locks on this host's domains among {@code uuids}, in id order, until the transaction ends: passes
     * touching the same domains serialise on them, and row-level security keeps a host login from locking
     * another host's rows (advisory locks would let any login hold any key). Returns how many it locked.
     */
    @SqlQuery("""
            select count(*) from (select id from domains where uuid = any(:uuids) and host_id = :hostId
                                  order by id for no key update) locked""")
    int lockOwn(@Bind("hostId") long hostId, @Bind("uuids") UUID[] uuids);

    /** The domains the archive has on a host (what a pass expects to see; what --all evacuates), by name. */
    @SqlQuery("select d.uuid from domains d where d.host_id = :hostId and d.gone_since is null order by d.name")
    List<UUID> presentOn(@Bind("hostId") long hostId);

    @SqlUpdate("insert into domains (uuid, name, host_id, first_seen) values (:uuid, :name, :hostId, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("uuid") UUID uuid, @Bind("name") String name, @Bind("hostId") long hostId, @Bind("at") Instant at);

    @SqlUpdate("update domains set name = :name where id = :id")
    void rename(@Bind("id") long id, @Bind("name") String name);

    @SqlUpdate("update domains set gone_since = null where id = :id")
    void markPresent(@Bind("id") long id);

    /** Marks gone only domains still on {@code hostId}: one a concurrent pass just moved elsewhere stays. */
    @SqlUpdate("update domains set gone_since = :at where id = any(:ids) and host_id = :hostId")
    void markGone(@Bind("ids") long[] ids, @Bind("hostId") long hostId, @Bind("at") Instant at);

    /** Records that {@code id} now lives on {@code toHostId}, and the move itself. */
    default void move(long id, long fromHostId, long toHostId, Instant at) {
        setHost(id, toHostId);
        insertMove(id, fromHostId, toHostId, at);
    }

    @SqlUpdate("update domains set host_id = :hostId, gone_since = null where id = :id")
    void setHost(@Bind("id") long id, @Bind("hostId") long hostId);

    @SqlUpdate("insert into domain_moves (domain_id, from_host_id, to_host_id, moved_at) values (:id, :from, :to, :at)")
    void insertMove(@Bind("id") long id, @Bind("from") long fromHostId, @Bind("to") long toHostId, @Bind("at") Instant at);

    @SqlQuery("select count(*) from domain_moves where domain_id = (select id from domains where uuid = :uuid)")
    int moveCount(@Bind("uuid") UUID uuid);

    /**
     * Finds a domain by UUID, or by current name (the most recently seen domain of that name wins;
     * names can be reused after an undefine, UUIDs cannot).
     */
    @SqlQuery("""
            select d.id, d.uuid, d.name, h.name as host_name, d.first_seen, d.gone_since
            from domains d join hosts h on h.id = d.host_id
            where d.uuid::text = lower(:ref) or d.name = :ref
            order by (d.uuid::text = lower(:ref)) desc, (d.gone_since is null) desc, d.first_seen desc
            limit 1""")
    @RegisterConstructorMapper(DomainRef.class)
    Optional<DomainRef> find(@Bind("ref") String ref);

    /** {@link #find}, or a one-line error naming what was asked for. */
    default DomainRef require(String ref) {
        return find(ref).orElseThrow(() -> new AbiguardException(
                "no domain named or with UUID '" + org.abiguard.PrintableText.of(ref) + "' in the archive"));
    }
}
