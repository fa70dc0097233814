package org.abiguard.drift;

import java.util.List;
import org.abiguard.drift.CorpusMutations.Mutation;

/**
 * Mutations of the Windows-like q35 shape: the guest the seed worries about most (re-activation,
 * offlined volumes). Expected categories follow the rule of truth; libvirt's verdict is checked, not assumed.
 */
final class WindowsMutations {
    private static final String S = "win-q35";

    private WindowsMutations() {
    }

    static List<Mutation> all() {
        return List.of(
                new Mutation("win-timer-tickpolicy", S, Category.HOST_CONFIG,
                        e -> e.set("/domain/clock/timer[@name='rtc']", "tickpolicy", "delay")),
                new Mutation("win-timers-reordered", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.swapElements("/domain/clock/timer")),
                new Mutation("win-timer-hpet-present", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.set("/domain/clock/timer[@name='hpet']", "present", "yes")),
                new Mutation("win-timer-removed", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.remove("/domain/clock/timer[@name='hypervclock']")),
                new Mutation("win-clock-utc", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.set("/domain/clock", "offset", "utc")),
                new Mutation("win-hyperv-feature-removed", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.remove("/domain/features/hyperv/frequencies")),
                new Mutation("win-hyperv-spinlock-retries", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.set("/domain/features/hyperv/spinlocks", "retries", "4095")),
                new Mutation("win-oem-string-changed", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.text("/domain/sysinfo/oemStrings/entry[2]", "oem-three")),
                new Mutation("win-smbios-serial-changed", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.text("/domain/sysinfo/system/entry[@name='serial']", "ser-2")),
                new Mutation("win-smbios-bios-vendor", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.text("/domain/sysinfo/bios/entry[@name='vendor']", "other")),
                new Mutation("win-sata-units-swapped", S, Category.DEVICE_ADDRESS,
                        e -> e.swapAddresses("//disk[@device='disk']")),
                new Mutation("win-nic-e1000", S, Category.DEVICE_MODEL,
                        e -> e.set("//interface/model", "type", "e1000")),
                new Mutation("win-tablet-usb-port", S, Category.DEVICE_ADDRESS,
                        e -> e.set("//input[@type='tablet']/address", "port", "2")),
                new Mutation("win-tablet-removed", S, Category.DEVICE_REMOVED, e -> e.remove("//input[@type='tablet']")),
                new Mutation("win-qxl-vgamem-halved", S, Category.DEVICE_MODEL,
                        e -> e.set("//video/model", "vgamem", "8192")),
                new Mutation("win-sound-model", S, Category.DEVICE_MODEL,
                        e -> e.set("//sound[@model='ich6']", "model", "ac97")),
                new Mutation("win-sounds-swapped-xml", S, Category.DEVICE_ORDER, e -> e.swapElements("//sound")),
                new Mutation("win-usb-companions-swapped-xml", S, Category.DEVICE_ORDER,
                        e -> e.swapElements("//controller[@type='usb'][starts-with(@model, 'ich9-uhci')]")),
                new Mutation("win-usb-companion-startport", S, Category.DEVICE_MODEL,
                        e -> e.set("//controller[@model='ich9-uhci2']/master", "startport", "3")),
                new Mutation("win-sound-removed", S, Category.DEVICE_REMOVED, e -> e.remove("//sound[@model='ich6']")),
                new Mutation("win-root-port-chassis", S, Category.DEVICE_MODEL,
                        e -> e.set("//controller[@model='pcie-root-port'][@index='1']/target", "chassis", "9")),
                new Mutation("win-root-port-port", S, Category.DEVICE_MODEL,
                        e -> e.set("//controller[@model='pcie-root-port'][@index='1']/target", "port", "0x1a")),
                new Mutation("win-root-port-model-name", S, Category.DEVICE_MODEL,
                        e -> e.set("//controller[@model='pcie-root-port'][@index='1']/model", "name", "ioh3420")),
                new Mutation("win-multifunction-dropped", S, null,
                        e -> e.one("//controller[@index='1']/address").removeAttribute("multifunction")),
                new Mutation("win-memfd-backing", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.append("/domain", "<memoryBacking><source type='memfd'/></memoryBacking>")),
                new Mutation("win-dump-core-off", S, Category.HOST_CONFIG, e -> e.set("/domain/memory", "dumpCore", "off")),
                new Mutation("win-cpu-fallback", S, Category.HOST_CONFIG, e -> e.set("/domain/cpu/model", "fallback", "allow")),
                new Mutation("win-cpu-check-full", S, Category.CPU_MODEL, e -> e.set("/domain/cpu", "check", "full")),
                new Mutation("win-cpu-check-dropped", S, null, e -> e.one("/domain/cpu").removeAttribute("check")),
                new Mutation("win-primary-video-written", S, null, e -> e.one("//video/model").removeAttribute("primary")),
                new Mutation("win-memory-in-mib", S, null,
                        e -> e.kibToMib("/domain/memory").kibToMib("/domain/currentMemory")),
                new Mutation("win-addresses-decimal", S, null, e -> e.hexToDecimal("//address").hexToDecimal("//target")),
                new Mutation("win-disk-serial-added", S, Category.DEVICE_MODEL,
                        e -> e.append("//disk[target/@dev='sda']", "<serial>WD-123</serial>")));
    }
}
