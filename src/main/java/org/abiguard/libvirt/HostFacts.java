package org.abiguard.libvirt;

import java.util.List;
import java.util.Optional;
import org.abiguard.Sha256;

/**
 * What a host offers its guests, as far as it decides their ABI: the versions that pick defaults,
 * the boot that restarts them, the CPU that host-model copies and the machine types QEMU offers.
 *
 * @param machineTypes every machine type of the first guest architecture in libvirt's capabilities,
 *                     aliases written {@code alias=canonical} (e.g. {@code pc=pc-i440fx-7.2}), sorted
 */
public record HostFacts(
        String libvirtUri,
        String libvirtVersion,
        String hypervisorType,
        String hypervisorVersion,
        Optional<String> kernelRelease,
        Optional<String> bootId,
        Optional<String> cpuModel,
        Optional<String> cpuVendor,
        List<String> machineTypes) {

    public HostFacts {
        machineTypes = List.copyOf(machineTypes);
    }

    /** A digest of every fact: equal digests mean nothing worth a new host_facts row changed. */
    public String sha256() {
        String canonical = String.join("\n", libvirtUri, libvirtVersion, hypervisorType, hypervisorVersion,
                kernelRelease.orElse(""), bootId.orElse(""), cpuModel.orElse(""), cpuVendor.orElse(""),
                String.join(",", machineTypes));
        return Sha256.hex(canonical);
    }

    /** libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release. */
    static String versionString(long encoded) {
        return (encoded / 1_000_000) + "." + (encoded / 1_000 % 1_000) + "." + (encoded % 1_000);
    }
}
