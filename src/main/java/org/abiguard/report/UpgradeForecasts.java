package org.abiguard.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.abiguard.archive.HostSummary;
import org.abiguard.preflight.DomainForecast;
import org.abiguard.preflight.PreflightDao;
import org.abiguard.preflight.PreflightRun;
import org.abiguard.preflight.Verdict;
import org.abiguard.restore.TargetHost;
import org.jdbi.v3.core.Jdbi;

/**
 * The report's "if this host is upgraded to the newest QEMU in the fleet": the fleet host with the newest
 * hypervisor version whose capabilities are archived is the target; every other reported host's guests are
 * forecast against it. A host already on that version, or a fleet without archived capabilities, gets no line.
 */
final class UpgradeForecasts {
    private UpgradeForecasts() {
    }

    static List<ReportData.UpgradeForecast> of(Jdbi jdbi, List<HostSummary> reported, List<HostSummary> fleet) {
        PreflightRun run = new PreflightRun(jdbi);
        Optional<HostSummary> newest = fleet.stream().filter(h -> h.hypervisorVersion() != null)
                .filter(h -> run.archivedHost(h.name()).isPresent())
                .max(Comparator.comparing(HostSummary::hypervisorVersion, UpgradeForecasts::compareVersions));
        if (newest.isEmpty()) {
            return List.of();
        }
        TargetHost target = run.archivedHost(newest.get().name()).orElseThrow();
        String version = newest.get().hypervisorType() + " " + newest.get().hypervisorVersion();
        // Hosts in parallel: a forecast is CPU-bound (about 1-2 ms a guest, scripts/bench-preflight.sh).
        return reported.parallelStream()
                .filter(h -> h.hypervisorVersion() == null || compareVersions(h.hypervisorVersion(), newest.get().hypervisorVersion()) < 0)
                .map(h -> {
                    List<DomainForecast> forecasts = run.forecast(jdbi.withExtension(PreflightDao.class,
                            dao -> dao.onHost(h.name())), target);
                    return new ReportData.UpgradeForecast(h.name(), newest.get().name(), version,
                            count(forecasts, Verdict.BLOCKED), count(forecasts, Verdict.CHANGES_IF_REGENERATED),
                            count(forecasts, Verdict.SAFE), forecasts.stream().filter(f -> f.verdict() == Verdict.BLOCKED)
                            .map(DomainForecast::name).toList());
                }).toList();
    }

    private static long count(List<DomainForecast> forecasts, Verdict verdict) {
        return forecasts.stream().filter(f -> f.verdict() == verdict).count();
    }

    /** Dotted numeric versions ("7.2.0" < "8.0.0" < "8.10.1"); a non-numeric part compares as 0. */
    static int compareVersions(String a, String b) {
        int[] x = parts(a);
        int[] y = parts(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(p -> p.matches("\\d{1,9}") ? Integer.parseInt(p) : 0).toArray();
    }
}
