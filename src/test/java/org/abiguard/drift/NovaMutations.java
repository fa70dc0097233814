package org.abiguard.drift;

import java.util.List;
import org.abiguard.drift.CorpusMutations.Mutation;

/** Mutations of the Nova-written i440fx shape: what a regeneration on hard reboot or a host upgrade does. */
final class NovaMutations {
    private static final String S = "nova-i440fx";

    private NovaMutations() {
    }

    static List<Mutation> all() {
        return List.of(
                new Mutation("nova-config-drive-slot-taken", S, Category.DEVICE_ADDRESS,
                        e -> e.swapAddresses("//disk[@device='disk']")),
                new Mutation("nova-smbios-version", S, Category.GUEST_VISIBLE_OTHER,
                        e -> e.text("/domain/sysinfo/system/entry[@name='version']", "28.0.0")),
                new Mutation("nova-metadata-renamed", S, Category.HOST_CONFIG,
                        e -> e.text("/domain/metadata/*/*", "web-2")),
                new Mutation("nova-serial-log-moved", S, Category.HOST_CONFIG,
                        e -> e.set("//serial[@type='file']/source", "path", "/var/lib/libvirt/images/abiguard-test/elsewhere.log")),
                new Mutation("nova-timers-reordered", S, Category.GUEST_VISIBLE_OTHER, e -> e.swapElements("/domain/clock/timer")),
                new Mutation("nova-rng-rate", S, Category.HOST_CONFIG, e -> e.set("//rng/rate", "bytes", "4096")),
                new Mutation("nova-tablet-port", S, Category.DEVICE_ADDRESS, e -> e.set("//input[@type='tablet']/address", "port", "2")),
                new Mutation("nova-cache-writeback", S, Category.HOST_CONFIG, e -> e.setAll("//disk/driver", "cache", "writeback")),
                new Mutation("nova-vga-vram", S, Category.DEVICE_MODEL, e -> e.set("//video/model", "vram", "8192")),
                new Mutation("nova-serials-swapped-xml", S, Category.DEVICE_ORDER, e -> e.swapElements("//serial")),
                new Mutation("nova-cpu-model-named", S, Category.CPU_MODEL, e -> e.text("/domain/cpu/model", "Nehalem")),
                new Mutation("nova-config-drive-dropped", S, Category.DEVICE_REMOVED, e -> e.remove("//disk[@device='cdrom']")),
                new Mutation("nova-memory-in-mib", S, null, e -> e.kibToMib("/domain/memory").kibToMib("/domain/currentMemory")));
    }
}
