package org.abiguard.archive;

import java.util.Optional;
import org.abiguard.libvirt.HostFacts;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Host facts over time: a row only when a fact changed, so an unchanged pass writes none. */
public interface HostFactsDao {
    @SqlQuery("select facts_sha256 from host_facts where host_id = :hostId order by observed_at desc, id desc limit 1")
    Optional<String> latestSha256(@Bind("hostId") long hostId);

    @SqlUpdate("""
            insert into host_facts (host_id, observed_at, facts_sha256, libvirt_uri, libvirt_version, hypervisor_type,
                                    hypervisor_version, kernel_release, boot_id, cpu_model, cpu_vendor, machine_types)
            values (:hostId, now(), :sha256, :f.libvirtUri, :f.libvirtVersion, :f.hypervisorType, :f.hypervisorVersion,
                    :kernelRelease, :bootId, :cpuModel, :cpuVendor, :machineTypes)""")
    void insertRow(@Bind("hostId") long hostId, @Bind("sha256") String sha256,
                   @org.jdbi.v3.sqlobject.customizer.BindMethods("f") HostFacts facts,
                   @Bind("kernelRelease") String kernelRelease, @Bind("bootId") String bootId,
                   @Bind("cpuModel") String cpuModel, @Bind("cpuVendor") String cpuVendor,
                   @Bind("machineTypes") String[] machineTypes);

    /** Stores {@code facts} if they differ from the host's latest; returns whether a row was written. */
    default boolean recordIfChanged(long hostId, HostFacts facts) {
        String sha256 = facts.sha256();
        if (latestSha256(hostId).filter(sha256::equals).isPresent()) {
            return false;
        }
        insertRow(hostId, sha256, facts, facts.kernelRelease().orElse(null), facts.bootId().orElse(null),
                facts.cpuModel().orElse(null), facts.cpuVendor().orElse(null), facts.machineTypes().toArray(String[]::new));
        return true;
    }
}
