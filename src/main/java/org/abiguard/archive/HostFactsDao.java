package org.abiguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.abiguard.libvirt.HostFacts;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Host facts over time: a row only when a fact changed, so an unchanged pass writes none. */
public interface HostFactsDao {
    @SqlQuery("select facts_sha256 from host_facts where host_id = :hostId order by observed_at desc, id desc limit 1")
    Optional<String> latestSha256(@Bind("hostId") long hostId);

    @SqlUpdate("""
            insert into host_facts (host_id, observed_at, facts_sha256, libvirt_uri, libvirt_version, hypervisor_type,
                                    hypervisor_version, kernel_release, boot_id, cpu_model, cpu_vendor, machine_types)
            values (:hostId, :at, :sha256, :f.libvirtUri, :f.libvirtVersion, :f.hypervisorType, :f.hypervisorVersion,
                    :kernelRelease, :bootId, :cpuModel, :cpuVendor, :machineTypes)""")
    void insertRow(@Bind("hostId") long hostId, @Bind("at") Instant at, @Bind("sha256") String sha256,
                   @BindMethods("f") HostFacts facts,
                   @Bind("kernelRelease") String kernelRelease, @Bind("bootId") String bootId,
                   @Bind("cpuModel") String cpuModel, @Bind("cpuVendor") String cpuVendor,
                   @Bind("machineTypes") String[] machineTypes);

    /**
     * Stores {@code facts}, observed at {@code at} (the pass's timestamp, the same as its versions'
     * first_seen, so drift context can order them), if they differ from the host's latest.
     */
    default boolean recordIfChanged(long hostId, HostFacts facts, Instant at) {
        String sha256 = facts.sha256();
        if (latestSha256(hostId).filter(sha256::equals).isPresent()) {
            return false;
        }
        insertRow(hostId, at, sha256, facts, facts.kernelRelease().orElse(null), facts.bootId().orElse(null),
                facts.cpuModel().orElse(null), facts.cpuVendor().orElse(null), facts.machineTypes().toArray(String[]::new));
        return true;
    }

    /** Every facts row of the given hosts, oldest first: the few rows drift context is computed from. */
    @SqlQuery("""
            select host_id, observed_at, libvirt_version, hypervisor_type, hypervisor_version, boot_id
            from host_facts where host_id = any(:hostIds) order by observed_at, id""")
    @RegisterConstructorMapper(HostFactsRow.class)
    List<HostFactsRow> history(@Bind("hostIds") long[] hostIds);
}
