package org.abiguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.abiguard.drift.ExcerptRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: scripts/screenshot-report.sh renders it in headless Chromium.
 * Skipped (not failed) where Chromium is not installed; the structure and escaping tests always run.
 */
class BrowserRenderTest {
    @Test
    void headlessChromiumRendersTheReport(@TempDir Path dir) throws Exception {
        ReportData data = new ReportData(Instant.parse("2026-11-25T08:00:00Z"), 1, 1, 1, 0,
                List.of(new ReportData.HostLine("hv-a", 1, "2026-11-25T07:59:00Z", "1 min ago", false, "9.0.0",
                        "QEMU 7.2.0", "up")),
                List.of(new ReportData.CategoryCount("machine-type", 1, 1)),
                List.of(new ReportData.DomainReport("web <1>", "0b8f", "hv-a", List.of(new ReportData.Comparison(1, 2,
                        "unexplained", "diff ...", List.of(new ReportData.DeviceChanges("os", true,
                        List.of(new ReportData.FindingLine("machine-type", true, "critical", "/domain/os/type/@machine",
                                "pc-i440fx-6.2", "pc-i440fx-7.2", null, "unsupported configuration: Target domain machine type"
                                + " pc-i440fx-7.2 does not match source pc-i440fx-6.2")),
                        List.of(new ExcerptRow("<type machine='pc-i440fx-6.2'/>", "<type machine='pc-i440fx-7.2'/>", true)))),
                        "judged by libvirt 9.0.0")),
                        "abiguard history 0b8f", "abiguard show 0b8f", "abiguard accept 0b8f", true)),
                List.of(),
                List.of(new ReportData.UpgradeForecast("hv-a", "hv-b", "QEMU 8.2.0", 1, 0, 0, List.of("web <1>"))));
        Path html = Files.writeString(dir.resolve("report.html"), ReportRenderer.render(data, ReportFormat.html));
        Path png = dir.resolve("report.png");

        Process process = new ProcessBuilder("bash", "scripts/screenshot-report.sh", html.toString(), png.toString(),
                "800", "1000").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(process.exitValue() != 3, "chromium not installed: " + output);
        assertEquals(0, process.exitValue(), output);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "a rendered page, not an empty image: " + bytes.length + " bytes");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
    }
}
