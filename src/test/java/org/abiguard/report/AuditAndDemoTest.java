package org.abiguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.Virsh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit (what the timer runs) and the demo tour, on real libvirtd and PostgreSQL. */
class AuditAndDemoTest {
    private static TestDatabase db;

    /** Each test its own state directory: the demo's report must be its own, not the audit's. */
    @TempDir
    Path stateDir;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create("audit");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private Cli cli() {
        return Cli.on(db, "hv-audit").with("ABIGUARD_STATE_DIR", stateDir.toString());
    }

    @Test
    void auditWritesLatestAndADatedReportAndMetrics() throws Exception {
        Path metrics = stateDir.resolve("textfile/abiguard.prom");
        Cli.Result result = cli().run("audit", "--metrics-file", metrics.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("hv-audit: "), result.stdout());
        assertTrue(result.stdout().contains("report: " + stateDir.resolve("reports/latest.html")), result.stdout());
        assertTrue(Files.readString(stateDir.resolve("reports/latest.html")).contains("abiguard drift report"));
        try (var reports = Files.list(stateDir.resolve("reports"))) {
            assertTrue(reports.anyMatch(p -> p.getFileName().toString().matches("abiguard-report-\\d{8}T\\d{6}Z\\.html")));
        }
        String prom = Files.readString(metrics);
        assertTrue(prom.contains("# TYPE abiguard_open_drift_findings gauge"), prom);
        assertTrue(prom.matches("(?s).*abiguard_last_pass_timestamp_seconds\\{host=\"hv-audit\"} \\d+\\.\\d{3}\n.*"), prom);
        assertTrue(prom.contains("abiguard_domains_archived{host=\"hv-audit\"} "), prom);
    }

    @Test
    void demoTellsTheSeedStoryAndCleansUp() {
        Cli.Result demo = cli().run("demo");
        try {
            assertEquals(0, demo.exitCode(), demo::toString);
            String out = demo.stdout();
            assertTrue(out.contains("machine-type        pc-i440fx-6.2 -> pc-i440fx-"), out);
            assertTrue(out.contains("device-address") && out.contains("web-config.img") && out.contains("web-volume.img"), out);
            assertTrue(out.contains("memballoon (virtio)"), out);
            assertTrue(out.contains("judged by " + Virsh.libvirtJudge()) && !out.contains("judged by the rules"),
                    "the tour's drift is libvirt's verdict: " + out);
            assertFalse(out.contains("web-root.img"), "the root disk does not move: " + out);
            assertTrue(Files.exists(stateDir.resolve("reports/latest.html")));
        } finally {
            Cli.Result clean = cli().run("demo", "--clean");
            assertEquals(0, clean.exitCode(), clean::toString);
        }
        String domains = Virsh.ok("list", "--all", "--name");
        assertTrue(Arrays.stream(domains.split("\n")).noneMatch(n -> n.startsWith("abiguard-demo-")), domains);
        assertFalse(Files.exists(Path.of("/var/lib/libvirt/images/abiguard-demo")));
    }
}
