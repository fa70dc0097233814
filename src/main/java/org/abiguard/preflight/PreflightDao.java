package org.abiguard.preflight;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The guests preflight judges: each with its latest inactive and live XML, in one query. */
public interface PreflightDao {
    /** A guest as archived now. */
    record Archived(UUID uuid, String name, String host, String inactiveXml, String liveXml) {
    }

    String COLUMNS = """
            select d.uuid, d.name, h.name as host,
                   (select v.xml from domain_versions v where v.domain_id = d.id and v.kind = 'inactive'
                    order by v.version desc limit 1) as inactive_xml,
                   (select v.xml from domain_versions v where v.domain_id = d.id and v.kind = 'live'
                    order by v.version desc limit 1) as live_xml
            from domains d join hosts h on h.id = d.host_id
            """;

    @SqlQuery(COLUMNS + " where h.name = :host and d.gone_since is null order by d.name")
    @RegisterConstructorMapper(Archived.class)
    List<Archived> onHost(@Bind("host") String host);

    @SqlQuery(COLUMNS + " where d.id = :id")
    @RegisterConstructorMapper(Archived.class)
    List<Archived> byId(@Bind("id") long id);
}
