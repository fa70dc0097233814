package org.abiguard.drift;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.abiguard.drift.CorpusMutations.Mutation;
import org.abiguard.testing.XmlEdit;
import org.w3c.dom.Element;

/**
 * Mutations of {@link ModernShapes}: re-spellings (upper-case MAC and UUID, implicit defaults written out or dropped,
 * the machine alias), host-side changes libvirt accepts (loader and NVRAM paths, queue sizes, codecs, block I/O,
 * geometry) and the guest-visible ones issue 21 found the rules missing (a rename, TPM model and PCR banks, the
 * transitional disk model, IOMMU caching mode and address width, controllers of two types swapped in XML order).
 * {@code expected} is the category the judged findings must name (null: no guest-visible finding).
 */
final class ModernMutations {
    private static final String UEFI = "nova-q35-uefi";
    private static final String WIN = "win-secureboot";
    private static final String NUMA = "numa-iommu";
    private static final String BRIDGE = "i440fx-bridge";

    private ModernMutations() {
    }

    private static Consumer<XmlEdit> upperCase(String xpath, String attribute) {
        return e -> {
            Element element = e.one(xpath);
            if (attribute == null) {
                element.setTextContent(element.getTextContent().toUpperCase(Locale.ROOT));
            } else {
                element.setAttribute(attribute, element.getAttribute(attribute).toUpperCase(Locale.ROOT));
            }
        };
    }

    static List<Mutation> all() {
        return List.of(
                new Mutation("uefi-mac-upper-case", UEFI, null, upperCase("//interface/mac", "address")),
                new Mutation("uefi-uuid-upper-case", UEFI, null, upperCase("/domain/uuid", null)),
                new Mutation("uefi-loader-path", UEFI, Category.HOST_CONFIG,
                        e -> e.text("/domain/os/loader", "/usr/share/OVMF/OVMF_CODE_4M.ms.fd")),
                new Mutation("uefi-nvram-path", UEFI, Category.HOST_CONFIG, e -> e.text("/domain/os/nvram",
                        "/var/lib/libvirt/images/abiguard-test/elsewhere_VARS.fd")),
                new Mutation("uefi-tpm-model", UEFI, Category.DEVICE_MODEL, e -> e.set("//tpm", "model", "tpm-tis")),
                new Mutation("uefi-tpm-pcr-banks", UEFI, Category.GUEST_VISIBLE_OTHER,
                        e -> e.append("//tpm/backend", "<active_pcr_banks><sha256/></active_pcr_banks>")),
                new Mutation("uefi-nic-rx-queue-size", UEFI, Category.HOST_CONFIG,
                        e -> e.set("//interface/driver", "rx_queue_size", "512")),
                new Mutation("uefi-dies-dropped", UEFI, null, e -> e.one("/domain/cpu/topology").removeAttribute("dies")),
                new Mutation("uefi-current-memory-dropped", UEFI, null, e -> e.remove("/domain/currentMemory")),
                new Mutation("uefi-disk-model-transitional", UEFI, Category.DEVICE_MODEL,
                        e -> e.set("//disk[@device='disk']", "model", "virtio-transitional")),
                new Mutation("uefi-domain-renamed", UEFI, Category.GUEST_VISIBLE_OTHER,
                        e -> e.text("/domain/name", e.one("/domain/name").getTextContent() + "-renamed")),
                new Mutation("uefi-machine-alias", UEFI, null, e -> e.set("/domain/os/type", "machine", "q35")),
                new Mutation("uefi-rng-on-another-root-port", UEFI, Category.DEVICE_ADDRESS,
                        e -> e.swapAddresses("//devices/*[self::rng or self::memballoon]")),

                new Mutation("win-secure-boot-off", WIN, Category.HOST_CONFIG, e -> e.set("/domain/os/loader", "secure", "no")),
                new Mutation("win-spinlock-retries", WIN, Category.GUEST_VISIBLE_OTHER,
                        e -> e.set("/domain/features/hyperv/spinlocks", "retries", "4096")),
                new Mutation("win-hyperv-relaxed-dropped", WIN, Category.GUEST_VISIBLE_OTHER,
                        e -> e.remove("/domain/features/hyperv/relaxed")),
                new Mutation("win-sound-codec", WIN, Category.HOST_CONFIG, e -> e.append("//sound", "<codec type='micro'/>")),
                new Mutation("win-clock-utc", WIN, Category.GUEST_VISIBLE_OTHER, e -> e.set("/domain/clock", "offset", "utc")),
                new Mutation("win-nic-virtio", WIN, Category.DEVICE_MODEL, e -> e.set("//interface/model", "type", "virtio")),
                new Mutation("win-topology-sockets", WIN, Category.CPU_MODEL,
                        e -> e.set("/domain/cpu/topology", "sockets", "2").set("/domain/cpu/topology", "cores", "1")),
                new Mutation("win-mac-upper-case", WIN, null, upperCase("//interface/mac", "address")),
                new Mutation("win-tablet-dropped", WIN, Category.DEVICE_REMOVED, e -> e.remove("//input[@type='tablet']")),
                new Mutation("win-disk-cache", WIN, Category.HOST_CONFIG, e -> e.set("//disk/driver", "cache", "writeback")),

                new Mutation("numa-distance", NUMA, Category.GUEST_VISIBLE_OTHER,
                        e -> e.setAll("//cell/distances/sibling[@value='21']", "value", "31")),
                new Mutation("numa-dimm-node", NUMA, Category.DEVICE_MODEL,
                        e -> e.text("//memory[@model='dimm']/target/node", "0")),
                new Mutation("numa-iommu-caching-mode", NUMA, Category.DEVICE_MODEL,
                        e -> e.set("//iommu/driver", "caching_mode", "off")),
                new Mutation("numa-iommu-aw-bits", NUMA, Category.DEVICE_MODEL, e -> e.set("//iommu/driver", "aw_bits", "39")),
                new Mutation("numa-memory-slots", NUMA, Category.GUEST_VISIBLE_OTHER, e -> e.set("/domain/maxMemory", "slots", "8")),
                new Mutation("numa-cells-reordered-in-xml", NUMA, null, e -> e.swapElements("/domain/cpu/numa/cell")),
                new Mutation("numa-disk-iommu-off", NUMA, Category.DEVICE_MODEL, e -> e.set("//disk/driver", "iommu", "off")),
                new Mutation("numa-mac-upper-case", NUMA, null, upperCase("//interface/mac", "address")),

                new Mutation("bridge-disk-moved-behind-bridge", BRIDGE, Category.DEVICE_ADDRESS,
                        e -> e.set("//disk[target/@dev='vdb']/address", "slot", "0x03")),
                new Mutation("bridge-nic-to-the-root-bus", BRIDGE, Category.DEVICE_ADDRESS,
                        e -> e.set("//interface/address", "bus", "0x00").set("//interface/address", "slot", "0x0a")),
                new Mutation("bridge-chassis-nr", BRIDGE, Category.HOST_CONFIG,
                        e -> e.set("//controller[@model='pci-bridge']/model", "chassisNr", "7")),
                new Mutation("bridge-scsi-target", BRIDGE, Category.HOST_CONFIG,
                        e -> e.set("//disk[target/@bus='scsi']/address", "target", "1")),
                new Mutation("bridge-blockio", BRIDGE, Category.HOST_CONFIG,
                        e -> e.append("//disk[target/@dev='vda']", "<blockio logical_block_size='4096' physical_block_size='4096'/>")),
                new Mutation("bridge-geometry", BRIDGE, Category.HOST_CONFIG,
                        e -> e.append("//disk[target/@dev='vda']", "<geometry cyls='16383' heads='16' secs='63'/>")),
                new Mutation("bridge-controllers-swapped-in-xml", BRIDGE, null,
                        e -> e.swapElements("//controller[@type='usb' or @type='scsi']")),
                new Mutation("bridge-disk-bus-dropped", BRIDGE, null,
                        e -> e.one("//disk[target/@dev='vda']/target").removeAttribute("bus")),
                new Mutation("bridge-arch-dropped", BRIDGE, null, e -> e.one("/domain/os/type").removeAttribute("arch")),
                new Mutation("bridge-uuid-upper-case", BRIDGE, null, upperCase("/domain/uuid", null)),
                new Mutation("bridge-sound-codec-dropped", BRIDGE, Category.HOST_CONFIG, e -> e.remove("//sound/codec")));
    }
}
