package org.abiguard.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.abiguard.libvirt.DomainCapabilitiesReader;
import org.abiguard.restore.TargetHost;
import org.abiguard.testing.TestGuests;
import org.libvirt.Domain;

/**
 * Preflight against the obvious alternative (not a test): GUESTS archived definitions judged from this host's
 * capabilities, against defining a renamed copy of each on the host, reading it back and undefining it (what
 * finding out by hand takes, and it needs the target itself). Medians of ROUNDS after a warm-up round.
 * Run: scripts/bench-preflight.sh [GUESTS=100] [ROUNDS=5]
 */
public final class PreflightBenchmark {
    private PreflightBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (TestGuests guests = TestGuests.create("pfbench")) {
            String template = guests.defineStandard("template").getXMLDesc(2);
            List<String> definitions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                definitions.add(template.replaceAll("<name>[^<]*</name>", "<name>" + guests.name("copy-" + i) + "</name>")
                        .replaceAll("<uuid>[^<]*</uuid>", "<uuid>" + UUID.randomUUID() + "</uuid>"));
            }
            var connection = guests.connection();
            TargetHost target = TargetHost.of("this host", connection.connect().getCapabilities(),
                    DomainCapabilitiesReader.readAll(connection));
            List<Long> preflight = new ArrayList<>();
            List<Long> defineLoop = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                long t0 = System.nanoTime();
                for (String xml : definitions) {
                    Preflight.forecast(UUID.randomUUID(), "g", "hv-a", xml, Optional.empty(), Optional.of(target), target);
                }
                long t1 = System.nanoTime();
                for (String xml : definitions) {
                    Domain copy = connection.connect().domainDefineXML(xml);
                    copy.getXMLDesc(2);
                    copy.undefine();
                }
                long t2 = System.nanoTime();
                if (r > 0) {
                    preflight.add((t1 - t0) / 1_000_000);
                    defineLoop.add((t2 - t1) / 1_000_000);
                }
            }
            long p = median(preflight);
            long d = median(defineLoop);
            System.out.printf("%d guests, median of %d: preflight %d ms (%.1f ms/guest); define + read back + undefine "
                    + "%d ms (%.1f ms/guest); ratio %.1fx%n", count, rounds, p, p / (double) count, d, d / (double) count,
                    d / (double) Math.max(1, p));
        }
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
