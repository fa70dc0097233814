package org.abiguard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.abiguard.archive.HostFactsRow;

/** Host upgrades and reboots read off consecutive host-facts rows, for timelines. */
final class HostEvents {
    private HostEvents() {
    }

    static List<TimelineSvg.Event> of(List<HostFactsRow> facts, Long hostId) {
        List<TimelineSvg.Event> events = new ArrayList<>();
        HostFactsRow previous = null;
        for (HostFactsRow row : facts) {
            if (!Objects.equals(hostId, row.hostId())) {
                continue;
            }
            if (previous != null) {
                List<String> changes = new ArrayList<>();
                if (!Objects.equals(previous.libvirtVersion(), row.libvirtVersion())) {
                    changes.add("libvirt " + previous.libvirtVersion() + " → " + row.libvirtVersion());
                }
                if (!Objects.equals(previous.hypervisorVersion(), row.hypervisorVersion())) {
                    changes.add(row.hypervisorType() + " " + previous.hypervisorVersion() + " → " + row.hypervisorVersion());
                }
                if (!Objects.equals(previous.bootId(), row.bootId())) {
                    changes.add("reboot");
                }
                if (!changes.isEmpty()) {
                    events.add(new TimelineSvg.Event(row.observedAt(), "host: " + String.join(", ", changes), false, true));
                }
            }
            previous = row;
        }
        return events;
    }
}
