package org.abiguard.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.abiguard.archive.DomainIdentity;
import org.abiguard.preflight.DomainForecast;
import org.abiguard.preflight.ExpectedFinding;
import org.abiguard.preflight.Verdict;

/** preflight's JSON, stable for scripts: the target, one entry per guest, and the counts per verdict. */
record PreflightOutput(String target, List<Entry> domains, Map<String, Integer> counts) {
    record Reason(String check, String detail) {
    }

    record Entry(DomainIdentity domain, String host, String verdict, List<Reason> reasons,
                 List<ExpectedFinding> expectedFindings, List<String> notes) {
    }

    static PreflightOutput of(String target, List<DomainForecast> forecasts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.label, (int) forecasts.stream().filter(f -> f.verdict() == v).count());
        }
        return new PreflightOutput(target, forecasts.stream().map(f -> new Entry(
                new DomainIdentity(f.uuid().toString(), f.name()), f.host(), f.verdict().label,
                f.blocking().stream().map(c -> new Reason(c.name(), c.detail())).toList(), f.expected(), f.notes()))
                .toList(), counts);
    }
}
