package org.abiguard.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.abiguard.archive.HostDao;
import org.abiguard.archive.HostFactsDao;
import org.abiguard.archive.HostFactsRow;
import org.abiguard.archive.HostSummary;
import org.abiguard.drift.ArchiveDrift;
import org.abiguard.drift.ContextEvent;
import org.abiguard.drift.DriftExcerpt;
import org.abiguard.drift.DriftFilter;
import org.abiguard.drift.DriftFinding;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds {@link ReportData} from the archive in one read-only handle: the hosts and their last pass,
 * the open drift of every present domain with side-by-side excerpts, and a timeline per host.
 * A host is stale when its last pass is older than {@link #STALE_AFTER} (four missed 15-minute timer runs).
 */
public final class ReportBuilder {
    public static final Duration STALE_AFTER = Duration.ofHours(1);
    /** Domains whose XML is loaded at once while building a report: bounds memory, not the report. */
    static final int XML_CHUNK = 200;

    private final Jdbi jdbi;

    public ReportBuilder(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The fleet report: every host. */
    public ReportData build(Instant now) {
        return build(now, Optional.empty());
    }

    /** The report of one host ({@code audit} on that host), or of every host when {@code host} is empty. */
    public ReportData build(Instant now, Optional<String> host) {
        return jdbi.withHandle(handle -> build(handle, now, host));
    }

    private ReportData build(Handle handle, Instant now, Optional<String> host) {
        List<HostSummary> fleet = handle.attach(HostDao.class).list();
        List<HostSummary> hosts = fleet.stream().filter(h -> host.isEmpty() || h.name().equals(host.get())).toList();
        List<DriftFinding> findings = new ArchiveDrift(jdbi).open(handle,
                new DriftFilter(Optional.empty(), host, Optional.empty()));
        Map<String, List<DriftFinding>> byDomain = new LinkedHashMap<>();
        findings.forEach(f -> byDomain.computeIfAbsent(f.domain().uuid(), k -> new ArrayList<>()).add(f));
        // Streamed in chunks of XML_CHUNK domains: only one chunk's XML is in memory at a time, whatever the
        // fleet's drift; excerpts parse both versions of every changed domain, CPU-bound, so in parallel.
        List<ReportData.DomainReport> domains = new ArrayList<>();
        List<String> uuids = new ArrayList<>(byDomain.keySet());
        for (int from = 0; from < uuids.size(); from += XML_CHUNK) {
            Map<String, List<DriftFinding>> chunk = new LinkedHashMap<>();
            uuids.subList(from, Math.min(uuids.size(), from + XML_CHUNK)).forEach(u -> chunk.put(u, byDomain.get(u)));
            Map<String, String> xml = xmlOf(handle, chunk);
            domains.addAll(chunk.values().parallelStream().map(list -> domainReport(xml, list)).toList());
        }
        domains.sort((a, b) -> Boolean.compare(b.guestVisible(), a.guestVisible()));
        return new ReportData(now.truncatedTo(ChronoUnit.SECONDS),
                hosts.stream().mapToLong(HostSummary::domains).sum(),
                findings.stream().filter(DriftFinding::guestVisible).map(f -> f.domain().uuid()).distinct().count(),
                findings.stream().filter(DriftFinding::guestVisible).count(),
                findings.stream().filter(f -> !f.guestVisible()).count(),
                hosts.stream().map(h -> hostLine(h, now)).toList(),
                categories(findings),
                domains,
                timelines(handle, hosts, findings, now),
                UpgradeForecasts.of(jdbi, hosts, fleet));
    }

    private static ReportData.HostLine hostLine(HostSummary h, Instant now) {
        boolean stale = h.lastPassAt() == null || h.lastPassAt().isBefore(now.minus(STALE_AFTER));
        return new ReportData.HostLine(h.name(), h.domains(),
                h.lastPassAt() == null ? "never" : h.lastPassAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                h.lastPassAt() == null ? "never" : Ages.since(h.lastPassAt(), now), stale,
                Objects.requireNonNullElse(h.libvirtVersion(), "-"),
                h.hypervisorType() == null ? "-" : h.hypervisorType() + " " + h.hypervisorVersion(),
                h.markedDownAt() == null ? "up" : "marked down: " + h.markedDownReason());
    }

    private static List<ReportData.CategoryCount> categories(List<DriftFinding> findings) {
        Map<String, List<DriftFinding>> byCategory = findings.stream().filter(DriftFinding::guestVisible)
                .collect(Collectors.groupingBy(f -> f.category().label(), LinkedHashMap::new, Collectors.toList()));
        return byCategory.entrySet().stream().map(e -> new ReportData.CategoryCount(e.getKey(),
                e.getValue().stream().map(f -> f.domain().uuid()).distinct().count(), e.getValue().size())).toList();
    }

    /** The XML of every version the report shows of these domains, keyed "uuid:version", in one round trip. */
    private static Map<String, String> xmlOf(Handle handle, Map<String, List<DriftFinding>> byDomain) {
        Map<String, String> xml = new java.util.HashMap<>();
        List<String> chunk = new ArrayList<>(byDomain.keySet());
        handle.createQuery("""
                select d.uuid::text || ':' || v.version as key, v.xml from domains d
                join domain_versions v on v.domain_id = d.id where d.uuid::text = any(:uuids)
                  and v.version in (<versions>)""")
                .bindArray("uuids", String.class, chunk)
                .bindList("versions", chunk.stream().flatMap(u -> byDomain.get(u).stream())
                        .flatMap(f -> java.util.stream.Stream.of(f.baselineVersion(), f.observedVersion()))
                        .distinct().toList())
                .map((rs, ctx) -> Map.entry(rs.getString("key"), rs.getString("xml")))
                .forEach(e -> xml.put(e.getKey(), e.getValue()));
        return xml;
    }

    private static ReportData.DomainReport domainReport(Map<String, String> xml, List<DriftFinding> findings) {
        DriftFinding first = findings.get(0);
        String uuid = first.domain().uuid();
        Map<String, List<DriftFinding>> byComparison = new LinkedHashMap<>();
        findings.forEach(f -> byComparison.computeIfAbsent(f.baselineVersion() + ">" + f.observedVersion(),
                k -> new ArrayList<>()).add(f));
        List<ReportData.Comparison> comparisons = new ArrayList<>();
        for (List<DriftFinding> group : byComparison.values()) {
            DriftFinding f0 = group.get(0);
            DriftExcerpt excerpt = new DriftExcerpt(xml.get(uuid + ":" + f0.baselineVersion()),
                    xml.get(uuid + ":" + f0.observedVersion()));
            Map<String, List<DriftFinding>> byDevice = new LinkedHashMap<>();
            group.forEach(f -> byDevice.computeIfAbsent(f.device(), k -> new ArrayList<>()).add(f));
            List<ReportData.DeviceChanges> devices = byDevice.values().stream().map(list -> new ReportData.DeviceChanges(
                    list.get(0).device(), list.stream().anyMatch(DriftFinding::guestVisible),
                    list.stream().map(f -> new ReportData.FindingLine(f.category().label(), f.guestVisible(),
                            f.severity().label(), f.xpath(), f.before(), f.after(), f.beyondLibvirt(),
                            f.libvirtMessage())).toList(),
                    excerpt.rowsFor(list.get(0).finding()))).toList();
            comparisons.add(new ReportData.Comparison(f0.baselineVersion(), f0.observedVersion(),
                    f0.context().stream().map(ContextEvent::describe).collect(Collectors.joining("; ")),
                    "diff <(abiguard show " + uuid + " --version " + f0.baselineVersion() + ") <(abiguard show "
                            + uuid + " --version " + f0.observedVersion() + ")", devices,
                    f0.judgeNote() == null ? "judged by " + f0.judge() : "judged by the rules: " + f0.judgeNote()));
        }
        return new ReportData.DomainReport(first.domain().name(), uuid, first.host(), comparisons,
                "abiguard history " + uuid, "abiguard show " + uuid,
                "abiguard accept " + uuid + " --reason '...'", findings.stream().anyMatch(DriftFinding::guestVisible));
    }

    private static List<ReportData.HostTimeline> timelines(Handle handle, List<HostSummary> hosts,
                                                           List<DriftFinding> findings, Instant now) {
        Map<String, Long> ids = handle.attach(HostDao.class).names().stream()
                .collect(Collectors.toMap(HostDao.HostName::name, HostDao.HostName::id));
        List<HostFactsRow> facts = handle.attach(HostFactsDao.class)
                .history(ids.values().stream().mapToLong(Long::longValue).toArray());
        List<ReportData.HostTimeline> timelines = new ArrayList<>();
        for (HostSummary host : hosts) {
            List<TimelineSvg.Event> events = new ArrayList<>(HostEvents.of(facts, ids.get(host.name())));
            findings.stream().filter(f -> f.host().equals(host.name())).forEach(f -> events.add(new TimelineSvg.Event(
                    f.observedAt(), f.domain().name() + ": " + f.category().label() + " " + f.device(),
                    f.guestVisible(), false)));
            // The gate's refusals and warned starts, once per domain and time.
            findings.stream().filter(f -> f.host().equals(host.name()))
                    .flatMap(f -> f.context().stream().filter(c -> c.at() != null)
                            .map(c -> Map.entry(f.domain().name(), c)))
                    .distinct()
                    .forEach(e -> events.add(new TimelineSvg.Event(e.getValue().at(),
                            e.getKey() + ": " + e.getValue().describe(), true, false)));
            timelines.add(new ReportData.HostTimeline(host.name(), TimelineSvg.render(host.name(), events, now),
                    events.size()));
        }
        return timelines;
    }
}
