package org.abiguard.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.abiguard.testing.XmlEdit;

/**
 * The mutations of the oracle corpus, each with the category abiguard must name. {@code expected}
 * null means "no finding at all" (formatting, element order libvirt canonicalises). Whether a
 * mutation is guest-visible is not declared here: libvirt's ABI check decides, and the test checks
 * that the expected category agrees with that verdict.
 */
final class CorpusMutations {
    record Mutation(String id, String shape, Category expected, Consumer<XmlEdit> edit) {
    }

    private static final String FREE_DISK = "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
            + "<source file='/var/lib/libvirt/images/abiguard-test/added.img'/><target dev='vdz' bus='virtio'/>"
            + "<address type='pci' domain='0x0000' bus='0x00' slot='0x1e' function='0x0'/></disk>";

    static List<Mutation> all() {
        List<Mutation> m = new ArrayList<>();
        // i440fx: guest-visible
        m.add(new Mutation("disk-moved-to-free-slot", "i440fx", Category.DEVICE_ADDRESS,
                e -> e.set("//disk[target/@dev='vdb']/address", "slot", "0x1e")));
        m.add(new Mutation("disks-swap-slots", "i440fx", Category.DEVICE_ORDER,
                e -> e.swapAddresses("//disk[@device='disk']")));
        m.add(new Mutation("disk-targets-swapped", "i440fx", Category.DEVICE_ORDER,
                e -> e.swap("//disk[@device='disk']/target", "dev")));
        m.add(new Mutation("machine-type-older", "i440fx", Category.MACHINE_TYPE,
                e -> e.set("/domain/os/type", "machine", "pc-i440fx-6.2")));
        m.add(new Mutation("cpu-model-changed", "i440fx", Category.CPU_MODEL,
                e -> e.text("/domain/cpu/model", "kvm64")));
        m.add(new Mutation("cpu-feature-added", "i440fx", Category.CPU_MODEL,
                e -> e.append("/domain/cpu", "<feature policy='require' name='sse4.2'/>")));
        m.add(new Mutation("vcpus-doubled", "i440fx", Category.GUEST_VISIBLE_OTHER,
                e -> e.text("/domain/vcpu", "2")));
        m.add(new Mutation("memory-grown", "i440fx", Category.GUEST_VISIBLE_OTHER,
                e -> e.text("/domain/memory", "65536").text("/domain/currentMemory", "65536")));
        m.add(new Mutation("nic-model-changed", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//interface[mac/@address='52:54:00:aa:00:02']/model", "type", "rtl8139")));
        m.add(new Mutation("nic-mac-changed", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//interface/mac[@address='52:54:00:aa:00:02']", "address", "52:54:00:aa:00:99")));
        m.add(new Mutation("nic-removed", "i440fx", Category.DEVICE_REMOVED,
                e -> e.remove("//interface[mac/@address='52:54:00:aa:00:02']")));
        m.add(new Mutation("video-model-changed", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//video/model", "type", "vga")));
        m.add(new Mutation("video-vram-halved", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//video/model", "vram", "8192")));
        m.add(new Mutation("disk-serial-added", "i440fx", Category.DEVICE_MODEL,
                e -> e.append("//disk[target/@dev='vda']", "<serial>abiguard-serial</serial>")));
        m.add(new Mutation("disk-removed", "i440fx", Category.DEVICE_REMOVED,
                e -> e.remove("//disk[target/@dev='vdb']")));
        m.add(new Mutation("disk-added", "i440fx", Category.DEVICE_ADDED,
                e -> e.append("/domain/devices", FREE_DISK)));
        m.add(new Mutation("watchdog-removed", "i440fx", Category.DEVICE_REMOVED, e -> e.remove("//watchdog")));
        m.add(new Mutation("balloon-none", "i440fx", Category.DEVICE_REMOVED,
                e -> e.remove("//memballoon/address").set("//memballoon", "model", "none")));
        m.add(new Mutation("channel-renamed", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//channel/target", "name", "org.abiguard.test.0")));
        m.add(new Mutation("features-acpi-added", "i440fx", Category.GUEST_VISIBLE_OTHER,
                e -> e.append("/domain", "<features><acpi/></features>")));
        // Found by the oracle: libvirt accepts a changed clock offset (it compares timers only); the guest's
        // RTC reads differently, so it is guest-visible by a beyond-libvirt rule.
        m.add(new Mutation("clock-localtime", "i440fx", Category.GUEST_VISIBLE_OTHER,
                e -> e.set("/domain/clock", "offset", "localtime")));
        m.add(new Mutation("clock-timer-added", "i440fx", Category.GUEST_VISIBLE_OTHER,
                e -> e.append("/domain/clock", "<timer name='rtc' tickpolicy='catchup'/>")));
        m.add(new Mutation("smbios-serial-added", "i440fx", Category.GUEST_VISIBLE_OTHER,
                e -> e.append("/domain", "<sysinfo type='smbios'><system><entry name='serial'>abi-1</entry></system></sysinfo>")
                        .append("/domain/os", "<smbios mode='sysinfo'/>")));
        // i440fx: host-side
        m.add(new Mutation("disk-source-moved", "i440fx", Category.HOST_CONFIG,
                e -> e.set("//disk[target/@dev='vdb']/source", "file", "/var/lib/libvirt/images/abiguard-test/moved.img")));
        m.add(new Mutation("disk-cache-none", "i440fx", Category.HOST_CONFIG,
                e -> e.set("//disk[target/@dev='vda']/driver", "cache", "none")));
        m.add(new Mutation("cdrom-readonly-dropped", "i440fx", null,
                e -> e.remove("//disk[@device='cdrom']/readonly")));
        m.add(new Mutation("watchdog-action", "i440fx", Category.HOST_CONFIG,
                e -> e.set("//watchdog", "action", "poweroff")));
        m.add(new Mutation("nic-link-down", "i440fx", Category.HOST_CONFIG,
                e -> e.append("//interface[mac/@address='52:54:00:aa:00:01']", "<link state='down'/>")));
        m.add(new Mutation("lifecycle-on-reboot", "i440fx", Category.HOST_CONFIG,
                e -> e.text("/domain/on_reboot", "destroy")));
        m.add(new Mutation("title-and-metadata", "i440fx", Category.HOST_CONFIG,
                e -> e.append("/domain", "<title>web &lt;1&gt;</title>")
                        .append("/domain", "<metadata><a:note xmlns:a='urn:abiguard-test'>x</a:note></metadata>")));
        m.add(new Mutation("boot-order-cdrom", "i440fx", Category.HOST_CONFIG,
                e -> e.set("/domain/os/boot", "dev", "cdrom")));
        m.add(new Mutation("balloon-stats-period", "i440fx", Category.HOST_CONFIG,
                e -> e.append("//memballoon", "<stats period='10'/>")));
        m.add(new Mutation("vnc-password", "i440fx", Category.HOST_CONFIG,
                e -> e.set("//graphics", "passwd", "secret")));
        // Disagreements found by probing libvirt with save-image-define, kept as cases:
        m.add(new Mutation("current-memory-lowered", "i440fx", Category.GUEST_VISIBLE_OTHER,
                e -> e.text("/domain/currentMemory", "16384")));
        m.add(new Mutation("nic-driver-added", "i440fx", Category.DEVICE_MODEL,
                e -> e.append("//interface[mac/@address='52:54:00:aa:00:01']", "<driver name='qemu'/>")));
        m.add(new Mutation("disk-queues", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//disk[target/@dev='vda']/driver", "queues", "2")));
        m.add(new Mutation("disk-io-threads", "i440fx", Category.HOST_CONFIG,
                e -> e.set("//disk[target/@dev='vda']/driver", "io", "threads")));
        m.add(new Mutation("disk-format-qcow2", "i440fx", Category.HOST_CONFIG,
                e -> e.set("//disk[target/@dev='vda']/driver", "type", "qcow2")));
        m.add(new Mutation("nic-rom-bar-off", "i440fx", Category.HOST_CONFIG,
                e -> e.append("//interface[mac/@address='52:54:00:aa:00:02']", "<rom bar='off'/>")));
        m.add(new Mutation("on-crash-restart", "i440fx", Category.HOST_CONFIG, e -> e.text("/domain/on_crash", "restart")));
        m.add(new Mutation("cpu-topology-added", "i440fx", Category.CPU_MODEL,
                e -> e.append("/domain/cpu", "<topology sockets='1' dies='1' cores='1' threads='1'/>")));
        m.add(new Mutation("video-acceleration", "i440fx", Category.DEVICE_MODEL,
                e -> e.append("//video/model", "<acceleration accel3d='no'/>")));
        m.add(new Mutation("balloon-autodeflate", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//memballoon", "autodeflate", "on")));
        m.add(new Mutation("serial-port-changed", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//serial/target", "port", "1")));
        // <domain type='kvm'> is not judged here: libvirt refuses to parse it on a host without /dev/kvm.
        m.add(new Mutation("ide-controller-model", "i440fx", Category.DEVICE_MODEL,
                e -> e.set("//controller[@type='ide']", "model", "piix4")));
        // i440fx: no change at all (libvirt re-adds the implicit PS/2 mouse; it sorts disks)
        m.add(new Mutation("implicit-ps2-mouse-dropped", "i440fx", null, e -> e.remove("//input[@type='mouse']")));
        m.add(new Mutation("disk-elements-reordered", "i440fx", null, e -> {
            var disks = e.all("//disk[@device='disk']");
            var first = disks.item(0);
            first.getParentNode().insertBefore(disks.item(1), first);
        }));
        // q35
        m.add(new Mutation("q35-machine-type-older", "q35", Category.MACHINE_TYPE,
                e -> e.set("/domain/os/type", "machine", "pc-q35-6.2")));
        m.add(new Mutation("q35-sata-unit-changed", "q35", Category.DEVICE_ADDRESS,
                e -> e.set("//disk[target/@dev='sda']/address", "unit", "3")));
        m.add(new Mutation("q35-scsi-disk-removed", "q35", Category.DEVICE_REMOVED,
                e -> e.remove("//disk[target/@dev='sdb']")));
        m.add(new Mutation("q35-nics-swap-buses", "q35", Category.DEVICE_ORDER,
                e -> e.swapAddresses("//interface")));
        m.add(new Mutation("q35-tablet-removed", "q35", Category.DEVICE_REMOVED, e -> e.remove("//input[@type='tablet']")));
        m.add(new Mutation("q35-scsi-controller-model", "q35", Category.DEVICE_MODEL,
                e -> e.set("//controller[@type='scsi']", "model", "lsilogic")));
        m.add(new Mutation("q35-acpi-removed", "q35", Category.GUEST_VISIBLE_OTHER, e -> e.remove("/domain/features/acpi")));
        m.add(new Mutation("q35-rng-backend-host", "q35", Category.HOST_CONFIG,
                e -> e.text("//rng/backend", "/dev/random")));
        m.addAll(WindowsMutations.all());
        m.addAll(LinuxMutations.all());
        m.addAll(LegacyMutations.all());
        m.addAll(NovaMutations.all());
        return m;
    }

    private CorpusMutations() {
    }
}
