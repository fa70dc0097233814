package org.abiguard.restore;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The restores table: every attempt with its checks. */
public interface RestoreDao {
    @SqlUpdate("""
            insert into restores (domain_id, version, from_host_id, to_host, target_uri, requested_by, started_at,
                                  finished_at, checks, result, message)
            values (:domainId, :version, :fromHostId, :toHost, :targetUri, :by, :startedAt, now(),
                    cast(:checks as jsonb), :result, :message)""")
    void record(@Bind("domainId") long domainId, @Bind("version") int version, @Bind("fromHostId") long fromHostId,
                @Bind("toHost") String toHost, @Bind("targetUri") String targetUri, @Bind("by") String by,
                @Bind("startedAt") Instant startedAt, @Bind("checks") String checksJson, @Bind("result") String result,
                @Bind("message") String message);

    /** Before libvirt defines anything: the attempt, result 'defining'; returns its id. */
    @SqlQuery("""
            insert into restores (domain_id, version, from_host_id, to_host, target_uri, requested_by, started_at,
                                  checks, result, message)
            values (:domainId, :version, :fromHostId, :toHost, :targetUri, :by, :startedAt, cast(:checks as jsonb),
                    'defining', 'defining on the target')
            returning id""")
    long recordIntent(@Bind("domainId") long domainId, @Bind("version") int version, @Bind("fromHostId") long fromHostId,
                      @Bind("toHost") String toHost, @Bind("targetUri") String targetUri, @Bind("by") String by,
                      @Bind("startedAt") Instant startedAt, @Bind("checks") String checksJson);

    @SqlUpdate("""
            update restores set finished_at = now(), checks = cast(:checks as jsonb), result = :result, message = :message
            where id = :id and result = 'defining'""")
    int complete(@Bind("id") long id, @Bind("checks") String checksJson, @Bind("result") String result,
                 @Bind("message") String message);

    @SqlQuery("select count(*) from restores where domain_id = (select id from domains where uuid = :uuid) and result = :result")
    int count(@Bind("uuid") UUID uuid, @Bind("result") String result);
}
