package org.abiguard.restore;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** A version's origin for {@link Provenance}: writer, database digest, host logins, first version. */
public interface ProvenanceDao {
    @SqlQuery("""
            select v.xml, v.written_by, v.xml_sha256, h.name as host_name,
                   exists (select 1 from host_logins l where l.host_id = v.host_id) as host_has_login,
                   exists (select 1 from host_logins l where l.host_id = v.host_id and l.login = v.written_by)
                       as writer_is_host_login,
                   (select f.xml from domain_versions f where f.domain_id = v.domain_id and f.kind = 'inactive'
                    order by f.version limit 1) as first_xml
            from domain_versions v join hosts h on h.id = v.host_id
            where v.domain_id = :domainId and v.version = :version""")
    @RegisterConstructorMapper(Provenance.Origin.class)
    Provenance.Origin origin(@Bind("domainId") long domainId, @Bind("version") int version);
}
