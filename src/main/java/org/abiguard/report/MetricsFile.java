package org.abiguard.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.abiguard.archive.HostSummary;
import org.abiguard.drift.DriftFinding;

/**
 * Prometheus node_exporter textfile metrics, written atomically:
 * {@code abiguard_open_drift_findings{host,category}}, {@code abiguard_last_pass_timestamp_seconds{host}},
 * {@code abiguard_domains_archived{host}}, and {@code abiguard_audit_skips_in_a_row{host}} (audits of this host
 * skipped in a row because another held its lock; 0 after a completed audit: alert on it staying above 0).
 */
public final class MetricsFile {
    private MetricsFile() {
    }

    public static String render(List<HostSummary> hosts, List<DriftFinding> findings) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP abiguard_open_drift_findings Open drift findings by host and category.\n");
        out.append("# TYPE abiguard_open_drift_findings gauge\n");
        Map<String, Integer> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(label("host", f.host()) + "," + label("category", f.category().label()), 1,
                Integer::sum));
        counts.forEach((labels, n) -> out.append("abiguard_open_drift_findings{").append(labels).append("} ")
                .append(n).append('\n'));
        out.append("# HELP abiguard_last_pass_timestamp_seconds End of the host's last successful snapshot pass.\n");
        out.append("# TYPE abiguard_last_pass_timestamp_seconds gauge\n");
        for (HostSummary h : hosts) {
            if (h.lastPassAt() != null) {
                out.append("abiguard_last_pass_timestamp_seconds{").append(label("host", h.name())).append("} ")
                        .append(seconds(h.lastPassAt())).append('\n');
            }
        }
        out.append("# HELP abiguard_domains_archived Domains present on the host in the archive.\n");
        out.append("# TYPE abiguard_domains_archived gauge\n");
        for (HostSummary h : hosts) {
            out.append("abiguard_domains_archived{").append(label("host", h.name())).append("} ").append(h.domains())
                    .append('\n');
        }
        return out.toString();
    }

    private static final String SKIPS = "abiguard_audit_skips_in_a_row";

    /** A completed audit's metrics: {@link #render} with the skip count back at 0. */
    public static String render(List<HostSummary> hosts, List<DriftFinding> findings, String host) {
        return withSkips(render(hosts, findings), host, 0);
    }

    /**
     * {@code existing} (the last audit's file, possibly empty) with the skip gauge of {@code host} set to
     * {@code inARow}: a skipped audit has nothing else new to say, but this must not go unseen.
     */
    public static String withSkips(String existing, String host, int inARow) {
        StringBuilder out = new StringBuilder();
        existing.lines().filter(l -> !l.startsWith(SKIPS) && !l.startsWith("# HELP " + SKIPS) && !l.startsWith("# TYPE " + SKIPS))
                .forEach(l -> out.append(l).append('\n'));
        out.append("# HELP ").append(SKIPS).append(" Audits of the host skipped in a row because another held its lock.\n");
        out.append("# TYPE ").append(SKIPS).append(" gauge\n");
        out.append(SKIPS).append('{').append(label("host", host)).append("} ").append(inARow).append('\n');
        return out.toString();
    }

    private static String seconds(Instant at) {
        return String.format(java.util.Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0);
    }

    /** A label pair with the value escaped as the exposition format requires. */
    private static String label(String name, String value) {
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
