package org.abiguard.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.abiguard.archive.HostDao;
import org.abiguard.archive.HostFactsDao;
import org.abiguard.libvirt.AbiVerdict;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Open drift in the archive. For each present domain: the findings between its baseline (the last
 * accepted inactive version, else the first) and its latest inactive version, with context from the
 * host facts in between; and, while it runs, what its next cold boot changes ({@code pending-cold-boot}).
 * Domains whose latest inactive version has the baseline's digest cost no XML comparison. {@code libvirt_abi} is the
 * verdict libvirt gave when the host's pass judged the pair ({@link PassVerdicts}); the rules explain it, and judge
 * alone (saying why) where no verdict is archived. Thread-safe.
 */
public final class ArchiveDrift {
    private final Jdbi jdbi;

    public ArchiveDrift(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<DriftFinding> open(DriftFilter filter) {
        return jdbi.withHandle(handle -> open(handle, filter));
    }

    /** As {@link #open(DriftFilter)}, inside the caller's handle (e.g. the transaction of an accept). */
    public List<DriftFinding> open(Handle handle, DriftFilter filter) {
        DriftDao dao = handle.attach(DriftDao.class);
        List<DomainDriftState> states = dao.states(filter.domain().orElse(null), filter.host().orElse(null));
        Map<Long, String> hostNames = handle.attach(HostDao.class).names().stream()
                .collect(Collectors.toMap(HostDao.HostName::id, HostDao.HostName::name));
        long[] hostIds = hostNames.keySet().stream().mapToLong(Long::longValue).toArray();
        HostContext context = new HostContext(handle.attach(HostFactsDao.class).history(hostIds), hostNames);
        List<DomainDriftState> wanted = states.stream().filter(s -> filter.since().isEmpty()
                || !s.inactiveSeen().isBefore(filter.since().get())).toList();
        Map<java.util.UUID, List<DriftDao.GateEvent>> gate = dao.gateEvents(wanted.stream().map(DomainDriftState::uuid)
                .toArray(java.util.UUID[]::new)).stream().collect(Collectors.groupingBy(DriftDao.GateEvent::domainUuid));
        List<DriftFinding> findings = new ArrayList<>();
        for (int from = 0; from < wanted.size(); from += BATCH) {
            List<DomainDriftState> batch = wanted.subList(from, Math.min(wanted.size(), from + BATCH));
            Map<String, String> xml = xmlOf(dao, batch);
            // Comparisons are independent and CPU-bound: spread them over the cores, keep the order.
            batch.parallelStream().map(state -> forDomain(xml, state, context, gate.getOrDefault(state.uuid(), List.of())))
                    .forEachOrdered(findings::addAll);
        }
        return findings;
    }

    /** The verdict while the host's libvirt has not judged the pair (its next pass does). */
    private static final AbiVerdict NOT_YET_JUDGED = AbiVerdict.unjudged(
            "libvirt has not judged this pair yet (the host's next pass asks it)");

    /**
     * Why pending-cold-boot findings are the rules': libvirt compares like with like, and a live XML against a
     * definition is not (libvirt's start-time expansions differ by design).
     */
    static final String PENDING_BY_RULES = "a live XML against its definition is not a pair libvirt's check takes";

    /** Domains compared per round trip for their XML. */
    private static final int BATCH = 500;

    private static Map<String, String> xmlOf(DriftDao dao, List<DomainDriftState> batch) {
        List<long[]> keys = new ArrayList<>();
        for (DomainDriftState s : batch) {
            keys.add(new long[] {s.domainId(), s.inactiveVersion()});
            if (!s.baselineSha256().equals(s.inactiveSha256())) {
                keys.add(new long[] {s.domainId(), s.baselineVersion()});
            }
            if (s.pendingCheck()) {
                keys.add(new long[] {s.domainId(), s.liveVersion()});
            }
        }
        return dao.xmls(keys.stream().mapToLong(k -> k[0]).toArray(), keys.stream().mapToInt(k -> (int) k[1]).toArray());
    }

    private static String key(DomainDriftState state, int version) {
        return state.domainId() + ":" + version;
    }

    private static List<DriftFinding> forDomain(Map<String, String> xml, DomainDriftState state, HostContext context,
                                                List<DriftDao.GateEvent> gate) {
        List<DriftFinding> findings = new ArrayList<>();
        String inactiveXml = xml.get(key(state, state.inactiveVersion()));
        if (!state.baselineSha256().equals(state.inactiveSha256())) {
            List<ContextEvent> events = new ArrayList<>(context.between(state.baselineHostId(), state.baselineSeen(),
                    state.inactiveHostId(), state.inactiveSeen()));
            gate.stream().filter(g -> g.decidedAt().isAfter(state.baselineSeen()))
                    .forEach(g -> events.add(ContextEvent.gate(g.verdict(), g.decidedAt())));
            AbiVerdict verdict = state.verdict().orElse(NOT_YET_JUDGED);
            List<Finding> rules = DriftEngine.compare(xml.get(key(state, state.baselineVersion())), inactiveXml);
            for (Finding f : JudgedFindings.apply(rules, verdict)) {
                findings.add(DriftFinding.of(state, f, state.baselineVersion(), state.inactiveVersion(), events,
                        verdict.unjudgedReason().orElse(null)));
            }
        }
        if (state.pendingCheck()) {
            for (Finding f : DriftEngine.comparePending(xml.get(key(state, state.liveVersion())), inactiveXml)) {
                findings.add(DriftFinding.of(state, f, state.liveVersion(), state.inactiveVersion(),
                        List.of(ContextEvent.PENDING_COLD_BOOT), PENDING_BY_RULES));
            }
        }
        return findings;
    }
}
