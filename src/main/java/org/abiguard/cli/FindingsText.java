package org.abiguard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.abiguard.drift.ContextEvent;
import org.abiguard.drift.DriftFinding;
import org.abiguard.drift.Finding;
import org.abiguard.PrintableText;

/**
 * Findings for people: grouped by domain and device, one line per change, guest-visible marked. Every text
 * from libvirt or the archive goes through {@link PrintableText}: no control character reaches the terminal.
 */
final class FindingsText {
    private FindingsText() {
    }

    static void print(List<Finding> findings, PrintWriter out, String indent) {
        print(findings, out, indent, false);
    }

    /** With {@code colour}, guest-visible lines are red and host-side lines dim (see {@link Terminal}). */
    static void print(List<Finding> findings, PrintWriter out, String indent, boolean colour) {
        Map<String, List<Finding>> byDevice = new LinkedHashMap<>();
        findings.forEach(f -> byDevice.computeIfAbsent(f.device(), k -> new java.util.ArrayList<>()).add(f));
        byDevice.forEach((device, list) -> {
            out.println(indent + PrintableText.of(device));
            for (Finding f : list) {
                String line = String.format("%s  %s %-19s %s -> %s   (%s)", indent, f.guestVisible() ? "!" : " ",
                        f.category().label(), f.before() == null ? "(none)" : PrintableText.of(f.before()),
                        f.after() == null ? "(none)" : PrintableText.of(f.after()), PrintableText.of(f.xpath()));
                out.println(colour ? (f.guestVisible() ? Terminal.RED : Terminal.DIM) + line + Terminal.RESET : line);
                if (f.beyondLibvirt() != null) {
                    out.println(indent + "      libvirt's check does not cover this: " + f.beyondLibvirt());
                }
            }
        });
    }

    /** Drift findings grouped by domain and pair of versions, with their context in words. */
    static void printDrift(List<DriftFinding> findings, PrintWriter out, boolean colour) {
        Map<String, List<DriftFinding>> groups = new LinkedHashMap<>();
        for (DriftFinding f : findings) {
            String key = f.domain().name() + " (" + f.domain().uuid() + ") on " + f.host() + ": v" + f.baselineVersion()
                    + " -> v" + f.observedVersion() + ", "
                    + f.context().stream().map(ContextEvent::describe).collect(Collectors.joining("; "));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        groups.forEach((header, list) -> {
            String shown = PrintableText.of(header);
            out.println(colour ? Terminal.BOLD + shown + Terminal.RESET : shown);
            out.println("  " + PrintableText.of(judgeLine(list.get(0))));
            FindingsText.print(list.stream().map(DriftFinding::finding).toList(), out, "  ", colour);
        });
        long domains = findings.stream().filter(DriftFinding::guestVisible).map(f -> f.domain().uuid()).distinct().count();
        out.println(findings.isEmpty() ? "no open drift"
                : domains + " domain(s) with guest-visible drift; " + findings.size() + " finding(s) in all");
    }

    /** Who decided libvirt_abi for a pair: libvirt, or the rules and why libvirt did not. */
    static String judgeLine(DriftFinding f) {
        return f.judgeNote() == null ? "judged by " + f.judge() : "judged by the rules: " + f.judgeNote();
    }

    static String summary(List<Finding> findings) {
        long visible = findings.stream().filter(Finding::guestVisible).count();
        return visible == 0 ? (findings.isEmpty() ? "no drift" : "no guest-visible drift; "
                + findings.size() + " host-side change(s)")
                : visible + " guest-visible change(s), " + (findings.size() - visible) + " host-side";
    }
}
