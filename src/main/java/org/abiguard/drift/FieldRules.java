package org.abiguard.drift;

import java.util.List;
import java.util.Set;

/**
 * Which category a changed field belongs to, and whether libvirt's ABI check covers it. The rule of
 * truth is {@code virDomainDefCheckABIStability} as {@code virsh save-image-define} applies it: the
 * oracle corpus ({@code OracleCorpusTest}) holds every rule here against libvirt 9. A field not listed
 * counts as libvirt ABI, the safe side. The {@link BeyondLibvirt} rules add what a guest notices although
 * libvirt lets it through. Paths are element names below the domain (or device), the attribute last.
 */
final class FieldRules {
    /** Top-level elements the guest never sees: names, lifecycle, host tuning and placement. */
    private static final Set<String> HOST_TOP = Set.of("name", "title", "description", "metadata", "on_poweroff",
            "on_reboot", "on_crash", "on_lockfailure", "seclabel", "resource", "cputune", "memtune", "blkiotune",
            "numatune", "pm", "perf", "keywrap", "throttlegroups", "iothreads", "iothreadids", "defaultiothread");
    /** Children of {@code <os>} that choose how to boot, not what the guest boots into. */
    static final Set<String> HOST_OS = Set.of("boot", "bootmenu", "kernel", "initrd", "cmdline", "dtb",
            "nvram", "bios", "shim", "acpi");
    /** Devices with no guest-side presence at all. */
    private static final Set<String> HOST_DEVICES = Set.of("graphics", "audio", "emulator", "lease");
    /** Device children that configure the host side of a device. */
    static final Set<String> HOST_DEVICE_CHILDREN = Set.of("source", "backingStore", "auth",
            "iotune", "boot", "alias", "encryption", "reservations", "throttlefilters", "log", "protocol",
            "bandwidth", "filterref", "link", "virtualport", "vlan", "tune", "script", "backend", "rate", "stats",
            "coalesce", "teaming", "shareable", "transient", "mirror", "ip", "route", "portForward",
            "slices", "metadata", "seclabel", "downscript", "privateData", "cookie", "rom");
    /** Driver attributes that are virtio device options or queue counts: the guest sees them. */
    static final Set<String> GUEST_DRIVER_ATTRIBUTES = Set.of("queues", "queue_size", "iommu", "ats",
            "packed", "page_per_vq", "rx_queue_size", "tx_queue_size");
    /** Guest-visible disk {@code <target>} attributes besides dev (order) and bus (model). */
    private static final Set<String> DISK_TARGET_GUEST = Set.of("rotation_rate", "removable");
    /** Timer attributes libvirt compares; tickpolicy/track/catchup only steer how QEMU delivers ticks. */
    private static final Set<String> TIMER_GUEST = Set.of("name", "present", "frequency", "mode");
    private static final Set<String> CHARDEVS = Set.of("serial", "console", "channel", "parallel");

    private FieldRules() {
    }

    /** A field outside {@code <devices>}: {@code path} from below the root, attribute (or "") last. */
    static Rule domainField(List<String> path, String attr) {
        if (path.isEmpty()) {
            return Rule.abi(Category.GUEST_VISIBLE_OTHER); // <domain type='kvm|qemu'>: the accelerator
        }
        String first = path.get(0);
        if (HOST_TOP.contains(first)) {
            return Rule.HOST;
        }
        return switch (first) {
            case "os" -> os(path, attr);
            case "cpu" -> cpu(path, attr);
            case "clock" -> clock(path, attr);
            case "vcpu" -> attr.equals("placement") || attr.equals("cpuset") ? Rule.HOST
                    : Rule.abi(Category.GUEST_VISIBLE_OTHER);
            // memfd (or not) backing is part of the migration stream libvirt checks; hugepages, locking and
            // sharing are host placement
            case "memoryBacking" -> path.size() >= 2 && path.get(1).equals("source")
                    ? Rule.abi(Category.GUEST_VISIBLE_OTHER) : Rule.HOST;
            case "memory" -> attr.equals("dumpCore") ? Rule.HOST : Rule.abi(Category.GUEST_VISIBLE_OTHER);
            case "sysinfo" -> path.size() >= 2 && path.get(1).equals("oemStrings")
                    ? BeyondLibvirt.OEM_STRINGS : Rule.abi(Category.GUEST_VISIBLE_OTHER);
            default -> Rule.abi(Category.GUEST_VISIBLE_OTHER);
        };
    }

    private static Rule os(List<String> path, String attr) {
        if (path.size() >= 2 && path.get(1).equals("type") && (attr.equals("machine") || attr.equals("arch"))) {
            return Rule.abi(Category.MACHINE_TYPE);
        }
        return path.size() >= 2 && HOST_OS.contains(path.get(1)) ? Rule.HOST : Rule.abi(Category.GUEST_VISIBLE_OTHER);
    }

    /**
     * A CPU model's {@code fallback} is a policy for the host (libvirt accepts a change); {@code check} is
     * not: libvirt refuses it (oracle: win-cpu-check-full). NUMA cells are memory layout, not the CPU model.
     */
    private static Rule cpu(List<String> path, String attr) {
        if (path.size() >= 2 && path.get(1).equals("numa")) {
            return Rule.abi(Category.GUEST_VISIBLE_OTHER);
        }
        boolean policy = path.size() == 2 && path.get(1).equals("model") && attr.equals("fallback");
        return policy ? Rule.HOST : Rule.abi(Category.CPU_MODEL);
    }

    private static Rule clock(List<String> path, String attr) {
        if (path.size() == 1) {
            return attr.equals("offset") || attr.equals("adjustment") || attr.equals("basis") || attr.equals("timezone")
                    ? BeyondLibvirt.CLOCK_OFFSET : Rule.HOST;
        }
        if (path.size() == 2 && path.get(1).equals("timer")) {
            return attr.isEmpty() || TIMER_GUEST.contains(attr) ? Rule.abi(Category.GUEST_VISIBLE_OTHER) : Rule.HOST;
        }
        return Rule.HOST; // <timer><catchup/>: how missed ticks are delivered
    }

    /** A field of a device of element name {@code kind}: {@code path} from below the device element. */
    static Rule deviceField(String kind, String controllerModel, List<String> path, String attr, String addressType) {
        if (HOST_DEVICES.contains(kind)) {
            return Rule.HOST;
        }
        String first = path.isEmpty() ? "" : path.get(0);
        if (first.equals("address")) {
            return addressType.equals("usb") ? BeyondLibvirt.USB_PORT : Rule.abi(Category.DEVICE_ADDRESS);
        }
        if (HOST_DEVICE_CHILDREN.contains(first)) {
            return Rule.HOST;
        }
        if (first.equals("driver") && kind.equals("controller")) {
            return Rule.HOST; // queues, iothread, cmd_per_lun: libvirt accepts (oracle: lin-scsi-controller-queues)
        }
        if (first.equals("driver")) {
            // A NIC's <driver> sets virtio options libvirt compares as a whole (oracle: nic-driver-added);
            // a disk's is host-side (cache, io, format) but for its virtio options and queue count.
            return kind.equals("interface") || GUEST_DRIVER_ATTRIBUTES.contains(attr) || path.size() > 1
                    ? Rule.abi(Category.DEVICE_MODEL) : Rule.HOST;
        }
        if (path.isEmpty()) {
            return deviceAttribute(kind, attr);
        }
        if (kind.equals("disk")) {
            return disk(first, attr);
        }
        if (kind.equals("controller") && "pcie-root-port".equals(controllerModel)
                && (first.equals("target") || first.equals("model"))) {
            return BeyondLibvirt.ROOT_PORT;
        }
        if (kind.equals("interface") && first.equals("target")) {
            return Rule.HOST;
        }
        if (kind.equals("controller") && first.equals("master")) {
            return BeyondLibvirt.USB_COMPANION;
        }

        return Rule.abi(Category.DEVICE_MODEL);
    }

    private static Rule disk(String first, String attr) {
        return switch (first) {
            case "target" -> attr.equals("dev") ? Rule.abi(Category.DEVICE_ORDER)
                    : attr.equals("bus") || DISK_TARGET_GUEST.contains(attr) ? Rule.abi(Category.DEVICE_MODEL) : Rule.HOST;
            case "vendor", "product" -> BeyondLibvirt.SCSI_INQUIRY;
            default -> Rule.abi(Category.DEVICE_MODEL); // serial, wwn, readonly, geometry, blockio
        };
    }

    private static Rule deviceAttribute(String kind, String attr) {
        if (kind.equals("disk")) {
            return attr.equals("device") ? Rule.abi(Category.DEVICE_MODEL) : Rule.HOST;
        }
        if (kind.equals("interface") || CHARDEVS.contains(kind)) {
            return attr.equals("type") || attr.equals("trustGuestRxFilters") ? Rule.HOST : Rule.abi(Category.DEVICE_MODEL);
        }
        if (kind.equals("watchdog")) {
            return attr.equals("action") ? Rule.HOST : Rule.abi(Category.DEVICE_MODEL);
        }
        if (kind.equals("hostdev")) {
            // rawio and sgio choose what the host lets through, not the device the guest gets
            return attr.equals("rawio") || attr.equals("sgio") || attr.equals("managed") ? Rule.HOST
                    : Rule.abi(Category.DEVICE_MODEL);
        }
        return Rule.abi(Category.DEVICE_MODEL);
    }
}
