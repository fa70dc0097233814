package org.abiguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.abiguard.archive.HostFactsRow;
import org.junit.jupiter.api.Test;

/** Context in words from host facts: upgrade, reboot, move, or nothing that explains it. */
class HostContextTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-10T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-20T00:00:00Z");

    private static HostFactsRow facts(long host, Instant at, String libvirt, String qemu, String boot) {
        return new HostFactsRow(host, at, libvirt, "QEMU", qemu, boot);
    }

    @Test
    void qemuUpgradeWithRebootBetweenVersions() {
        HostContext context = new HostContext(List.of(facts(1, T0, "9.0.0", "6.2.0", "b1"),
                facts(1, T1, "9.0.0", "7.2.0", "b2")), Map.of(1L, "hv-a"));
        assertEquals(List.of(new ContextEvent("host-upgrade", "QEMU 6.2.0", "QEMU 7.2.0"),
                new ContextEvent("host-reboot", null, null)), context.between(1, T0, 1, T2));
        assertEquals("after host upgrade QEMU 6.2.0 → 7.2.0",
                context.between(1, T0, 1, T2).get(0).describe());
    }

    @Test
    void nothingChangedIsUnexplained() {
        HostContext context = new HostContext(List.of(facts(1, T0, "9.0.0", "7.2.0", "b1")), Map.of(1L, "hv-a"));
        assertEquals(List.of(ContextEvent.UNEXPLAINED), context.between(1, T1, 1, T2));
    }

    @Test
    void moveBetweenHostsIsMigrated() {
        HostContext context = new HostContext(List.of(facts(1, T0, "9.0.0", "7.2.0", "b1"),
                facts(2, T0, "9.0.0", "7.2.0", "b9")), Map.of(1L, "hv-a", 2L, "hv-b"));
        assertEquals(List.of(new ContextEvent("migrated", "hv-a", "hv-b")), context.between(1, T1, 2, T2));
    }
}
