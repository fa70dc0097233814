package org.abiguard.cli;

import java.io.PrintWriter;
import java.util.List;
import org.abiguard.PrintableText;
import org.abiguard.preflight.DomainForecast;
import org.abiguard.preflight.ExpectedFinding;
import org.abiguard.preflight.Verdict;
import org.abiguard.restore.RestoreCheck;

/** preflight for people: grouped by verdict, worst first, each guest with its reasons. */
final class PreflightText {
    private PreflightText() {
    }

    static void print(String target, List<DomainForecast> forecasts, PrintWriter out) {
        out.println("preflight against " + PrintableText.of(target) + ": " + forecasts.size() + " guest(s)");
        for (Verdict verdict : Verdict.values()) {
            List<DomainForecast> group = forecasts.stream().filter(f -> f.verdict() == verdict).toList();
            out.println();
            out.println(verdict.label + " (" + group.size() + ")");
            for (DomainForecast f : group) {
                out.println("  " + PrintableText.of(f.name()) + " (" + f.uuid() + ") on " + PrintableText.of(f.host()));
                for (RestoreCheck c : f.blocking()) {
                    out.println("    " + c.name() + ": " + PrintableText.of(c.detail()));
                }
                for (ExpectedFinding e : f.expected()) {
                    out.printf("    %-13s %-26s %s -> %s (%s)%n", e.category(), e.xpath(), PrintableText.of(e.before()),
                            PrintableText.of(e.after()), PrintableText.of(e.why()));
                }
                for (String note : f.notes()) {
                    out.println("    note: " + PrintableText.of(note));
                }
            }
        }
    }
}
