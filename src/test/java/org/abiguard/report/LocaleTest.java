package org.abiguard.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.abiguard.archive.HostSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Under a German locale the machine-read outputs still write numbers with '.' (Prometheus, SVG). */
class LocaleTest {
    private final Locale original = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(original);
    }

    @Test
    void metricsAndTimelineIgnoreTheHostLocale() {
        Locale.setDefault(Locale.GERMANY);
        Instant at = Instant.parse("2026-11-25T08:00:00.819Z");
        String metrics = MetricsFile.render(List.of(new HostSummary("hv-de", at, at, at, null, null, 3, "9.0.0", "QEMU",
                "7.2.0", null, null, null, List.of(), at, null)), List.of());
        assertTrue(metrics.contains("abiguard_last_pass_timestamp_seconds{host=\"hv-de\"} 1795593600.819"), metrics);
        String svg = TimelineSvg.render("hv-de", List.of(new TimelineSvg.Event(at, "x", true, false)),
                at.plusSeconds(3600));
        assertFalse(svg.matches("(?s).*='\\d+,\\d.*"), svg);
    }
}
