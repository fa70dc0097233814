package org.abiguard.report;

import java.time.Instant;
import java.util.List;
import org.abiguard.drift.ExcerptRow;

/**
 * Everything a drift report shows, rendered by the templates in {@code reports/} (field names are
 * what the templates use) or as JSON. Immutable.
 */
public record ReportData(
        Instant generatedAt,
        long domainsArchived,
        long domainsWithDrift,
        long guestVisibleFindings,
        long hostSideFindings,
        List<HostLine> hosts,
        List<CategoryCount> categories,
        List<DomainReport> domains,
        List<HostTimeline> timelines,
        List<UpgradeForecast> upgrades) {

    /**
     * "If this host is upgraded to the newest QEMU in the fleet": preflight of the host's guests against the
     * archived capabilities of the fleet's host with the newest QEMU ({@code target}), counts per verdict.
     */
    public record UpgradeForecast(String host, String target, String targetHypervisor, long blocked, long changes,
                                  long safe, List<String> blockedDomains) {
    }

    /** A host in the summary; {@code stale} when its last pass is older than the report's threshold. */
    public record HostLine(String name, long domains, String lastPass, String age, boolean stale, String libvirt,
                           String hypervisor, String status) {
    }

    /** Domains with open guest-visible drift in one category. */
    public record CategoryCount(String category, long domains, long findings) {
    }

    /** One domain's open drift, grouped per comparison (baseline → observed, or pending cold boot). */
    public record DomainReport(String name, String uuid, String host, List<Comparison> comparisons,
                               String historyCommand, String showCommand, String acceptCommand,
                               boolean guestVisible) {
    }

    /**
     * The findings of one pair of versions per device, and what explains them in words; {@code judge}: who decided
     * libvirt_abi ("judged by libvirt 9.0.0", or "judged by the rules: " and why libvirt did not).
     */
    public record Comparison(int baselineVersion, int observedVersion, String context, String diffCommand,
                             List<DeviceChanges> devices, String judge) {
    }

    /** The findings on one device (or top-level element) and one side-by-side excerpt of it. */
    public record DeviceChanges(String device, boolean guestVisible, List<FindingLine> findings,
                                List<ExcerptRow> excerpt) {
    }

    /**
     * One finding; {@code beyondLibvirt} is null unless only abiguard's own rule makes it guest-visible;
     * {@code libvirtMessage} is libvirt's refusal on a libvirt_abi finding it judged.
     */
    public record FindingLine(String category, boolean guestVisible, String severity, String xpath, String before,
                              String after, String beyondLibvirt, String libvirtMessage) {
    }

    /** A host's drift events over time as an inline SVG (already escaped; templates insert it raw). */
    public record HostTimeline(String host, String svg, int events) {
    }
}
