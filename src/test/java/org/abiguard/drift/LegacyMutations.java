package org.abiguard.drift;

import java.util.List;
import org.abiguard.drift.CorpusMutations.Mutation;

/** Mutations of the legacy i440fx shape: NUMA, DIMMs, ivshmem, ISA serial/parallel, IDE and USB disks. */
final class LegacyMutations {
    private static final String S = "i440fx-legacy";

    private LegacyMutations() {
    }

    static List<Mutation> all() {
        return List.of(
                new Mutation("pc-usb-disk-port", S, Category.DEVICE_ADDRESS, e -> e.set("//disk[target/@dev='sda']/address", "port", "2")),
                new Mutation("pc-dimms-swapped-xml", S, Category.DEVICE_ORDER, e -> e.swapElements("//memory[@model='dimm']")),
                new Mutation("pc-shmems-swapped-xml", S, Category.DEVICE_ORDER, e -> e.swapElements("//shmem")),
                new Mutation("pc-numa-memory-moved", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.set("//numa/cell[@id='0']", "memory", "49152").set("//numa/cell[@id='1']", "memory", "16384")),
                new Mutation("pc-numa-in-mib", S, null,
                        e -> e.setAll("//numa/cell", "memory", "32").setAll("//numa/cell", "unit", "MiB")),
                new Mutation("pc-memory-in-mib", S, null, e -> e.kibToMib("/domain/memory").kibToMib("/domain/currentMemory")
                        .kibToMib("/domain/maxMemory").kibToMib("//memory[@model='dimm']/target/size")),
                new Mutation("pc-parallel-removed", S, Category.DEVICE_REMOVED, e -> e.remove("//parallel")),
                new Mutation("pc-serial-ports-swapped", S, Category.DEVICE_MODEL, e -> e.swap("//serial/target", "port")),
                new Mutation("pc-usb-controller-model", S, Category.DEVICE_MODEL,
                        e -> e.set("//controller[@type='usb']", "model", "piix4-uhci")),
                new Mutation("pc-ide-disk-unit", S, Category.DEVICE_ADDRESS, e -> e.set("//disk[target/@dev='hda']/address", "unit", "1")),
                new Mutation("pc-nic-e1000", S, Category.DEVICE_MODEL, e -> e.set("//interface/model", "type", "e1000")),
                new Mutation("pc-cirrus-vram", S, Category.DEVICE_MODEL, e -> e.set("//video/model", "vram", "8192")),
                new Mutation("pc-dimm-size", S, Category.DEVICE_MODEL,
                        e -> e.text("//memory[@model='dimm'][2]/target/size", "262144")
                                .text("/domain/memory", "458752").text("/domain/currentMemory", "458752")),
                new Mutation("pc-dimm-node", S, Category.DEVICE_MODEL, e -> e.text("//memory[@model='dimm'][2]/target/node", "0")),
                new Mutation("pc-max-memory-slots", S, Category.GUEST_VISIBLE_OTHER, e -> e.set("/domain/maxMemory", "slots", "8")),
                new Mutation("pc-ps2-keyboard-dropped", S, null, e -> e.remove("//input[@type='keyboard']")),
                new Mutation("pc-cpu-feature-disabled", S, Category.CPU_MODEL,
                        e -> e.append("/domain/cpu", "<feature policy='disable' name='svm'/>")),
                new Mutation("pc-addresses-decimal", S, null, e -> e.hexToDecimal("//address[@type='pci']")),
                // libvirt reads a DIMM base as hex whatever its prefix: decimal digits are another address
                new Mutation("pc-dimm-base-decimal", S, Category.DEVICE_ADDRESS, e -> e.hexToDecimal("//address[@type='dimm']")),
                new Mutation("pc-dimm-base-without-0x", S, null,
                        e -> e.setAll("//memory[@model='dimm'][1]/address", "base", "100000000")),
                new Mutation("pc-pci-slot-octal", S, null, e -> e.set("//interface/address", "slot", "03")),
                new Mutation("pc-dimm-slots-swapped", S, Category.DEVICE_MODEL,
                        e -> e.swapAddresses("//memory[@model='dimm']")),
                new Mutation("pc-shmem-size", S, Category.DEVICE_MODEL,
                        e -> e.text("//shmem[1]/size", "2")),
                new Mutation("pc-shmem-size-in-kib", S, null,
                        e -> e.text("//shmem[1]/size", "1024").set("//shmem[1]/size", "unit", "KiB")),
                new Mutation("pc-parallel-port-removed-target", S, null, e -> e.remove("//parallel/target")),
                new Mutation("pc-memballoon-deflate-on-oom", S, Category.DEVICE_MODEL,
                        e -> e.set("//memballoon", "autodeflate", "on")),
                new Mutation("pc-vcpus-current", S, Category.GUEST_VISIBLE_OTHER, e -> e.set("/domain/vcpu", "current", "1")));
    }
}
