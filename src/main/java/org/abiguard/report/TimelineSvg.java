package org.abiguard.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.unbescape.xml.XmlEscape;

/**
 * A host's drift events over time as a small inline SVG: a time axis, host events (upgrades, reboots)
 * as vertical lines, and drift observations as dots (red: guest-visible, grey: host-side only).
 * Every text from the archive is XML-escaped here, since templates insert the SVG unescaped.
 */
final class TimelineSvg {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 90;
    private static final int MARGIN = 20;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** A point on the timeline. */
    record Event(Instant at, String label, boolean guestVisible, boolean hostEvent) {
    }

    private TimelineSvg() {
    }

    static String render(String host, List<Event> events, Instant now) {
        Instant start = events.stream().map(Event::at).min(Instant::compareTo).orElse(now.minus(Duration.ofDays(1)));
        if (!start.isBefore(now)) {
            start = now.minus(Duration.ofHours(1));
        }
        double span = Duration.between(start, now).toMillis();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("' role='img' aria-label='").append(XmlEscape.escapeXml10Attribute("drift timeline of " + host))
                .append("'>");
        int axisY = HEIGHT - 30;
        svg.append("<line x1='").append(MARGIN).append("' y1='").append(axisY).append("' x2='").append(WIDTH - MARGIN)
                .append("' y2='").append(axisY).append("' stroke='#888'/>");
        for (Event e : events) {
            double x = MARGIN + (WIDTH - 2.0 * MARGIN) * Duration.between(start, e.at()).toMillis() / span;
            String title = "<title>" + XmlEscape.escapeXml10(DAY.format(e.at()) + " " + e.label()) + "</title>";
            if (e.hostEvent()) {
                svg.append(String.format(java.util.Locale.ROOT, "<line x1='%.1f' y1='10' x2='%.1f' y2='%d' stroke='#1f6feb' "
                        + "stroke-dasharray='3,2'>%s</line>", x, x, axisY, title));
            } else {
                svg.append(String.format(java.util.Locale.ROOT, "<circle cx='%.1f' cy='%d' r='6' fill='%s'>%s</circle>", x, axisY - 14,
                        e.guestVisible() ? "#d1242f" : "#8c959f", title));
            }
        }
        svg.append("<text x='").append(MARGIN).append("' y='").append(HEIGHT - 8).append("' font-size='11'>")
                .append(XmlEscape.escapeXml10(DAY.format(start))).append("</text>");
        svg.append("<text x='").append(WIDTH - MARGIN).append("' y='").append(HEIGHT - 8)
                .append("' font-size='11' text-anchor='end'>").append(XmlEscape.escapeXml10(DAY.format(now) + " (now)"))
                .append("</text></svg>");
        return svg.toString();
    }
}
