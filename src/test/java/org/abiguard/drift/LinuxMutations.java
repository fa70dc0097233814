package org.abiguard.drift;

import java.util.List;
import org.abiguard.drift.CorpusMutations.Mutation;

/** Mutations of the q35 Linux server shape (ensN names from slots, SCSI inquiry data, virtio-serial). */
final class LinuxMutations {
    private static final String S = "linux-q35";

    private LinuxMutations() {
    }

    static List<Mutation> all() {
        return List.of(
                new Mutation("lin-scsi-vendor", S, Category.DEVICE_MODEL, e -> e.text("//disk[target/@dev='sdb']/vendor", "OTHR")),
                new Mutation("lin-scsi-product", S, Category.DEVICE_MODEL, e -> e.text("//disk[target/@dev='sdb']/product", "LOGS")),
                new Mutation("lin-iothreads-count", S, Category.HOST_CONFIG, e -> e.text("/domain/iothreads", "4")),
                new Mutation("lin-rotation-rate", S, Category.DEVICE_MODEL,
                        e -> e.set("//disk[target/@dev='sda']/target", "rotation_rate", "1")),
                // libvirt puts the primary video first whatever the XML order: not a change
                new Mutation("lin-videos-swapped-xml", S, null, e -> e.swapElements("//video")),
                new Mutation("lin-channels-swapped-xml", S, Category.DEVICE_ORDER, e -> e.swapElements("//channel")),
                new Mutation("lin-nics-swapped-xml", S, Category.DEVICE_ORDER, e -> e.swapElements("//interface")),
                new Mutation("lin-cputune-shares", S, Category.HOST_CONFIG, e -> e.text("/domain/cputune/shares", "2048")),
                new Mutation("lin-vcpu-cpuset", S, Category.HOST_CONFIG, e -> e.set("/domain/vcpu", "cpuset", "1")),
                new Mutation("lin-serial-console-dropped", S, null, e -> e.remove("//console")),
                new Mutation("lin-panic-model-implicit", S, null, e -> e.one("//panic").removeAttribute("model")),
                new Mutation("lin-balloon-stats-period", S, Category.HOST_CONFIG, e -> e.set("//memballoon/stats", "period", "30")),
                new Mutation("lin-watchdog-model", S, Category.DEVICE_MODEL, e -> e.set("//watchdog", "model", "ib700")
                        .remove("//watchdog/address")),
                new Mutation("lin-channel-port", S, Category.DEVICE_ADDRESS,
                        e -> e.set("//channel[target/@name='org.abiguard.probe.0']/address", "port", "5")),
                new Mutation("lin-scsi-unit", S, Category.DEVICE_ADDRESS,
                        e -> e.set("//disk[target/@dev='sdb']/address", "unit", "5")),
                new Mutation("lin-root-port-gap", S, null,
                        e -> e.remove("//controller[@model='pcie-root-port'][@index='8']")),
                new Mutation("lin-rng-removed", S, Category.DEVICE_REMOVED, e -> e.remove("//rng")),
                new Mutation("lin-disk-iothread", S, Category.HOST_CONFIG, e -> e.set("//disk[target/@dev='vda']/driver", "iothread", "1")),
                new Mutation("lin-cpu-cores", S, Category.CPU_MODEL, e -> e.set("/domain/cpu/topology", "cores", "1")
                        .set("/domain/cpu/topology", "sockets", "2")),
                new Mutation("lin-nic-queues", S, Category.DEVICE_MODEL,
                        e -> e.append("//interface[mac/@address='52:54:00:dd:00:02']", "<driver queues='2'/>")),
                new Mutation("lin-rng-rate", S, Category.HOST_CONFIG, e -> e.append("//rng", "<rate bytes='1024' period='1000'/>")),
                new Mutation("lin-addresses-decimal", S, null, e -> e.hexToDecimal("//address").hexToDecimal("//target")),
                new Mutation("lin-vcpupin", S, Category.HOST_CONFIG, e -> e.set("/domain/cputune/vcpupin[1]", "cpuset", "1")),
                new Mutation("lin-root-port-port-decimal", S, null, e -> e.hexToDecimal("//controller/target")),
                new Mutation("lin-scsi-disk-readonly", S, Category.DEVICE_MODEL,
                        e -> e.append("//disk[target/@dev='sda']", "<readonly/>")),
                new Mutation("lin-nic-moved-bridge", S, Category.DEVICE_ADDRESS,
                        e -> e.set("//interface[mac/@address='52:54:00:dd:00:02']/address", "bus", "0x09")
                                .set("//interface[mac/@address='52:54:00:dd:00:02']/address", "slot", "0x05")),
                new Mutation("lin-scsi-controller-queues", S, Category.HOST_CONFIG,
                        e -> e.set("//controller[@type='scsi']/driver", "queues", "2")),
                new Mutation("lin-virtio-serial-ports", S, Category.DEVICE_MODEL,
                        e -> e.set("//controller[@type='virtio-serial']", "ports", "8")),
                new Mutation("lin-panic-removed", S, Category.DEVICE_REMOVED, e -> e.remove("//panic")),
                new Mutation("lin-serial-log", S, Category.HOST_CONFIG,
                        e -> e.append("//serial", "<log file='/var/log/libvirt/qemu/abiguard-oracle.log'/>")));
    }
}
