package org.abiguard.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.abiguard.archive.HostDao;
import org.abiguard.archive.HostFactsDao;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Open drift in the archive. For each present domain: the findings between its baseline (the last
 * accepted inactive version, else the first) and its latest inactive version, with context from the
 * host facts in between; and, while it runs, what its next cold boot changes ({@code pending-cold-boot}).
 * Domains whose latest inactive version has the baseline's digest cost no XML comparison. Thread-safe.
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
        List<DriftFinding> findings = new ArrayList<>();
        for (DomainDriftState state : states) {
            if (filter.since().isPresent() && state.inactiveSeen().isBefore(filter.since().get())) {
                continue;
            }
            findings.addAll(forDomain(dao, state, context));
        }
        return findings;
    }

    private static List<DriftFinding> forDomain(DriftDao dao, DomainDriftState state, HostContext context) {
        List<DriftFinding> findings = new ArrayList<>();
        String inactiveXml = null;
        if (!state.baselineSha256().equals(state.inactiveSha256())) {
            inactiveXml = dao.xml(state.domainId(), state.inactiveVersion());
            List<ContextEvent> events = context.between(state.baselineHostId(), state.baselineSeen(),
                    state.inactiveHostId(), state.inactiveSeen());
            for (Finding f : DriftEngine.compare(dao.xml(state.domainId(), state.baselineVersion()), inactiveXml)) {
                findings.add(DriftFinding.of(state, f, state.baselineVersion(), state.inactiveVersion(), events));
            }
        }
        if (state.liveVersion() != null) {
            String xml = inactiveXml != null ? inactiveXml : dao.xml(state.domainId(), state.inactiveVersion());
            for (Finding f : DriftEngine.comparePending(dao.xml(state.domainId(), state.liveVersion()), xml)) {
                findings.add(DriftFinding.of(state, f, state.liveVersion(), state.inactiveVersion(),
                        List.of(ContextEvent.PENDING_COLD_BOOT)));
            }
        }
        return findings;
    }
}
