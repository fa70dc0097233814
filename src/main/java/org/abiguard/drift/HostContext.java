package org.abiguard.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.abiguard.archive.HostFactsRow;

/**
 * Explains a change between two versions from what the archive knows of their hosts: a move between
 * hosts, a libvirt or QEMU upgrade, a reboot (boot id) in between. Built from all facts rows of the
 * hosts involved; immutable after construction, thread-safe.
 */
final class HostContext {
    private final Map<Long, List<HostFactsRow>> factsByHost = new HashMap<>();
    private final Map<Long, String> hostNames;

    HostContext(List<HostFactsRow> facts, Map<Long, String> hostNames) {
        facts.forEach(f -> factsByHost.computeIfAbsent(f.hostId(), k -> new ArrayList<>()).add(f));
        this.hostNames = Map.copyOf(hostNames);
    }

    List<ContextEvent> between(long fromHost, Instant fromTime, long toHost, Instant toTime) {
        List<ContextEvent> events = new ArrayList<>();
        if (fromHost != toHost) {
            events.add(new ContextEvent("migrated", hostNames.get(fromHost), hostNames.get(toHost)));
        }
        HostFactsRow before = inEffect(fromHost, fromTime);
        HostFactsRow after = inEffect(toHost, toTime);
        if (before != null && after != null) {
            if (!Objects.equals(before.libvirtVersion(), after.libvirtVersion())) {
                events.add(new ContextEvent("host-upgrade", "libvirt " + before.libvirtVersion(),
                        "libvirt " + after.libvirtVersion()));
            }
            if (!Objects.equals(before.hypervisorVersion(), after.hypervisorVersion())) {
                events.add(new ContextEvent("host-upgrade", after.hypervisorType() + " " + before.hypervisorVersion(),
                        after.hypervisorType() + " " + after.hypervisorVersion()));
            }
            if (fromHost == toHost && !Objects.equals(before.bootId(), after.bootId())) {
                events.add(new ContextEvent("host-reboot", null, null));
            }
        }
        return events.isEmpty() ? List.of(ContextEvent.UNEXPLAINED) : events;
    }

    /** The facts row of {@code host} in effect at {@code time}: the latest observed at or before it. */
    private HostFactsRow inEffect(long host, Instant time) {
        HostFactsRow found = null;
        for (HostFactsRow row : factsByHost.getOrDefault(host, List.of())) {
            if (!row.observedAt().isAfter(time)) {
                found = row;
            }
        }
        return found;
    }
}
