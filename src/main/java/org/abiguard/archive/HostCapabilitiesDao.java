package org.abiguard.archive;

import java.time.Instant;
import java.util.Optional;
import org.abiguard.libvirt.HostCapabilities;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Host capabilities over time (V10): a row only when they changed, so an unchanged pass writes none. */
public interface HostCapabilitiesDao {
    @SqlQuery("select sha256 from host_capabilities where host_id = :hostId order by observed_at desc, id desc limit 1")
    Optional<String> latestSha256(@Bind("hostId") long hostId);

    @SqlUpdate("""
            insert into host_capabilities (host_id, observed_at, sha256, capabilities, domain_capabilities)
            values (:hostId, :at, :sha256, :capabilities, cast(:domainCapabilities as jsonb))""")
    void insert(@Bind("hostId") long hostId, @Bind("at") Instant at, @Bind("sha256") String sha256,
                @Bind("capabilities") String capabilities, @Bind("domainCapabilities") String domainCapabilitiesJson);

    default boolean recordIfChanged(long hostId, HostCapabilities capabilities, Instant at) {
        String sha256 = capabilities.sha256();
        if (latestSha256(hostId).filter(sha256::equals).isPresent()) {
            return false;
        }
        insert(hostId, at, sha256, capabilities.capabilities(), org.abiguard.Json.write(capabilities.domainCapabilities()));
        return true;
    }

    /** A host's latest capabilities, as archived. */
    record Latest(String hostName, Instant observedAt, String capabilities, String domainCapabilities) {
    }

    @SqlQuery("""
            select h.name as host_name, c.observed_at, c.capabilities, c.domain_capabilities::text as domain_capabilities
            from host_capabilities c join hosts h on h.id = c.host_id
            where h.name = :host order by c.observed_at desc, c.id desc limit 1""")
    @RegisterConstructorMapper(Latest.class)
    Optional<Latest> latest(@Bind("host") String host);
}
