package org.abiguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.abiguard.libvirt.FetchedDomain;
import org.abiguard.libvirt.HostCapabilities;
import org.abiguard.libvirt.HostFacts;

/**
 * A {@link HostObservation} as the spool stores it (JSON, plain types). Digests are recomputed on
 * replay from the XML, so the file holds exactly what libvirt returned.
 */
record SpooledPass(UUID id, String hostName, Instant startedAt, Facts facts, List<Domain> domains,
                   List<String> skipped, Capabilities capabilities) {

    /** Null in files spooled before capabilities were recorded. */
    record Capabilities(String capabilities, java.util.Map<String, String> domainCapabilities) {
    }

    record Facts(String libvirtUri, String libvirtVersion, String hypervisorType, String hypervisorVersion,
                 String kernelRelease, String bootId, String cpuModel, String cpuVendor, List<String> machineTypes) {
    }

    record Domain(UUID uuid, String name, String libvirtUri, String inactiveXml, String liveXml) {
    }

    static SpooledPass of(HostObservation o) {
        HostFacts f = o.facts();
        return new SpooledPass(o.id(), o.hostName(), o.startedAt(), new Facts(f.libvirtUri(), f.libvirtVersion(),
                f.hypervisorType(), f.hypervisorVersion(), f.kernelRelease().orElse(null), f.bootId().orElse(null),
                f.cpuModel().orElse(null), f.cpuVendor().orElse(null), f.machineTypes()),
                o.domains().stream().map(d -> new Domain(d.fetched().uuid(), d.fetched().name(), d.fetched().libvirtUri(),
                        d.fetched().inactiveXml(), d.fetched().liveXml().orElse(null))).toList(), o.skipped(),
                o.capabilities().map(c -> new Capabilities(c.capabilities(), c.domainCapabilities())).orElse(null));
    }

    /** Back to an observation; its duration counts from replay, its start is when libvirt was read. */
    HostObservation observation() {
        HostFacts hostFacts = new HostFacts(facts.libvirtUri(), facts.libvirtVersion(), facts.hypervisorType(),
                facts.hypervisorVersion(), Optional.ofNullable(facts.kernelRelease()), Optional.ofNullable(facts.bootId()),
                Optional.ofNullable(facts.cpuModel()), Optional.ofNullable(facts.cpuVendor()), facts.machineTypes());
        List<ObservedDomain> observed = domains.stream().map(d -> ObservedDomain.of(new FetchedDomain(d.uuid(), d.name(),
                d.libvirtUri(), d.inactiveXml(), Optional.ofNullable(d.liveXml())))).toList();
        return new HostObservation(id, hostName, startedAt, System.nanoTime(), hostFacts, observed, Set.of(), skipped,
                Optional.ofNullable(capabilities).map(c -> new HostCapabilities(c.capabilities(),
                        c.domainCapabilities() == null ? java.util.Map.of() : c.domainCapabilities())));
    }
}
