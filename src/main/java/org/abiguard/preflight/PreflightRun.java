package org.abiguard.preflight;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.archive.HostCapabilitiesDao;
import org.abiguard.restore.TargetHost;
import org.jdbi.v3.core.Jdbi;

/**
 * Preflight over archived guests: loads them, their hosts' archived capabilities (the source side of each
 * forecast, once per host) and forecasts each against one target. Thread-safe: its per-run cache of hosts is
 * concurrent, and a host looked up twice at once is merely read twice.
 */
public final class PreflightRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Map<String, Optional<TargetHost>> hosts = new ConcurrentHashMap<>();

    public PreflightRun(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<DomainForecast> forecast(List<PreflightDao.Archived> guests, TargetHost target) {
        return guests.stream().filter(g -> g.inactiveXml() != null).map(g -> Preflight.forecast(g.uuid(), g.name(), g.host(),
                g.inactiveXml(), Optional.ofNullable(g.liveXml()), archivedHost(g.host()), target)).toList();
    }

    /** A host's latest archived capabilities as a target; empty when none were ever archived. */
    public Optional<TargetHost> archivedHost(String host) {
        return hosts.computeIfAbsent(host, name -> jdbi.withExtension(HostCapabilitiesDao.class, dao -> dao.latest(name))
                .map(latest -> TargetHost.of(name + " (archived " + latest.observedAt() + ")", latest.capabilities(),
                        domainCapabilities(latest.domainCapabilities()))));
    }

    /** --target HOST: refuses a host without archived capabilities. */
    public TargetHost requireArchivedHost(String host) {
        return archivedHost(host).orElseThrow(() -> new AbiguardException("no capabilities archived for host '"
                + org.abiguard.PrintableText.of(host) + "': run a snapshot there first (or give --capabilities and "
                + "--domcapabilities files)"));
    }

    private static Map<String, String> domainCapabilities(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AbiguardException("archived domain capabilities are not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
