package org.abiguard.drift;

import java.util.List;
import java.util.Set;

/**
 * Which category a changed field belongs to. The rule of truth is libvirt's ABI check
 * ({@code virDomainDefCheckABIStability}): a field it compares is guest-visible; everything else is
 * host-config. The lists below were checked against {@code virsh save-image-define} by the oracle
 * corpus (see {@code OracleCorpusTest}); a field not listed is treated as guest-visible, the safe side.
 * Paths are element names below the domain (or below the device) with the attribute last, if any.
 */
final class FieldRules {
    /** Top-level elements the guest never sees: names, lifecycle, host tuning and placement. */
    private static final Set<String> HOST_TOP = Set.of("name", "title", "description", "metadata", "on_poweroff",
            "on_reboot", "on_crash", "on_lockfailure", "seclabel", "resource", "cputune", "memtune", "blkiotune",
            "numatune", "pm", "perf", "keywrap", "memoryBacking", "throttlegroups");
    /** Children of {@code <os>} that choose how to boot, not what the guest boots into. */
    private static final Set<String> HOST_OS = Set.of("boot", "bootmenu", "kernel", "initrd", "cmdline", "dtb",
            "nvram", "bios", "shim", "acpi");
    /** Devices with no guest-side presence at all. */
    private static final Set<String> HOST_DEVICES = Set.of("graphics", "audio", "emulator", "lease");
    /** Device children that configure the host side of a device. */
    private static final Set<String> HOST_DEVICE_CHILDREN = Set.of("source", "backingStore", "auth",
            "iotune", "boot", "alias", "encryption", "reservations", "throttlefilters", "log", "protocol",
            "bandwidth", "filterref", "link", "virtualport", "vlan", "tune", "script", "backend", "rate", "stats",
            "coalesce", "teaming", "readonly", "shareable", "transient", "mirror", "ip", "route", "portForward",
            "slices", "metadata", "seclabel", "downscript", "privateData", "cookie", "rom");
    /** Driver attributes that are virtio device options or queue counts: the guest sees them. */
    private static final Set<String> GUEST_DRIVER_ATTRIBUTES = Set.of("queues", "queue_size", "iommu", "ats",
            "packed", "page_per_vq", "rx_queue_size", "tx_queue_size");
    private static final Set<String> CHARDEVS = Set.of("serial", "console", "channel", "parallel");

    private FieldRules() {
    }

    /** A field outside {@code <devices>}: {@code path} from below the root, attribute (or "") last. */
    static Category domainField(List<String> path, String attr) {
        if (path.isEmpty()) {
            return Category.GUEST_VISIBLE_OTHER; // <domain type='kvm|qemu'>: the accelerator the guest runs on
        }
        String first = path.get(0);
        if (HOST_TOP.contains(first)) {
            return Category.HOST_CONFIG;
        }
        return switch (first) {
            case "os" -> os(path, attr);
            case "cpu" -> Category.CPU_MODEL;
            // libvirt's ABI check compares clock timers, not the offset (oracle corpus: clock-localtime)
            case "clock" -> path.size() == 1 ? Category.HOST_CONFIG : Category.GUEST_VISIBLE_OTHER;
            case "vcpu" -> attr.equals("placement") || attr.equals("cpuset") ? Category.HOST_CONFIG
                    : Category.GUEST_VISIBLE_OTHER;
            default -> Category.GUEST_VISIBLE_OTHER;
        };
    }

    private static Category os(List<String> path, String attr) {
        if (path.size() >= 2 && path.get(1).equals("type") && (attr.equals("machine") || attr.equals("arch"))) {
            return Category.MACHINE_TYPE;
        }
        return path.size() >= 2 && HOST_OS.contains(path.get(1)) ? Category.HOST_CONFIG : Category.GUEST_VISIBLE_OTHER;
    }

    /** A field of a device of element name {@code kind}: {@code path} from below the device element. */
    static Category deviceField(String kind, List<String> path, String attr) {
        if (HOST_DEVICES.contains(kind)) {
            return Category.HOST_CONFIG;
        }
        String first = path.isEmpty() ? "" : path.get(0);
        if (first.equals("address")) {
            return Category.DEVICE_ADDRESS;
        }
        if (HOST_DEVICE_CHILDREN.contains(first)) {
            return Category.HOST_CONFIG;
        }
        if (first.equals("driver")) {
            // A NIC's <driver> sets virtio options libvirt compares as a whole (oracle: nic-driver-added);
            // a disk's is host-side (cache, io, format) but for its virtio options and queue count.
            return kind.equals("interface") || GUEST_DRIVER_ATTRIBUTES.contains(attr) || path.size() > 1
                    ? Category.DEVICE_MODEL : Category.HOST_CONFIG;
        }
        if (path.isEmpty()) {
            return deviceAttribute(kind, attr);
        }
        if (kind.equals("disk") && first.equals("target")) {
            return attr.equals("dev") ? Category.DEVICE_ORDER : attr.equals("bus") ? Category.DEVICE_MODEL
                    : Category.HOST_CONFIG;
        }
        if (kind.equals("interface") && first.equals("target")) {
            return Category.HOST_CONFIG;
        }
        return Category.DEVICE_MODEL;
    }

    private static Category deviceAttribute(String kind, String attr) {
        if (kind.equals("disk")) {
            return attr.equals("device") ? Category.DEVICE_MODEL : Category.HOST_CONFIG;
        }
        if (kind.equals("interface") || CHARDEVS.contains(kind)) {
            return attr.equals("type") || attr.equals("trustGuestRxFilters") ? Category.HOST_CONFIG
                    : Category.DEVICE_MODEL;
        }
        if (kind.equals("watchdog")) {
            return attr.equals("action") ? Category.HOST_CONFIG : Category.DEVICE_MODEL;
        }
        return Category.DEVICE_MODEL;
    }
}
