package org.abiguard.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.abiguard.drift.Finding;

/** Findings for people: grouped by device, one line per change, guest-visible marked. */
final class FindingsText {
    private FindingsText() {
    }

    static void print(List<Finding> findings, PrintWriter out, String indent) {
        Map<String, List<Finding>> byDevice = new LinkedHashMap<>();
        findings.forEach(f -> byDevice.computeIfAbsent(f.device(), k -> new java.util.ArrayList<>()).add(f));
        byDevice.forEach((device, list) -> {
            out.println(indent + device);
            for (Finding f : list) {
                out.printf("%s  %s %-19s %s -> %s   (%s)%n", indent, f.guestVisible() ? "!" : " ", f.category().label(),
                        f.before() == null ? "(none)" : f.before(), f.after() == null ? "(none)" : f.after(), f.xpath());
            }
        });
    }

    static String summary(List<Finding> findings) {
        long visible = findings.stream().filter(Finding::guestVisible).count();
        return visible == 0 ? (findings.isEmpty() ? "no drift" : "no guest-visible drift; "
                + findings.size() + " host-side change(s)")
                : visible + " guest-visible change(s), " + (findings.size() - visible) + " host-side";
    }
}
