package org.abiguard.drift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.abiguard.testing.TestGuests;

/**
 * Compare benchmark (not a test): on the oracle corpus (real libvirt output, libvirt's verdicts), one
 * thread, after one untimed warm-up run, measures compares/s of changed pairs (through XMLUnit) and of unchanged pairs (short-circuit),
 * then runs a plain textual {@code diff} over the same pairs and counts its false alarms: pairs it
 * flags although libvirt's ABI check accepts them. Run: {@code scripts/bench-compare.sh [SECONDS] [RUNS]}.
 */
public final class CompareBenchmark {
    private CompareBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<OracleCorpus.Pair> corpus;
        try (TestGuests guests = TestGuests.create("bench-compare")) {
            corpus = OracleCorpus.build(guests);
        }
        List<OracleCorpus.Pair> changed = corpus.stream().filter(p -> !p.base().equals(p.current())).toList();
        // One untimed run of each first: the JIT compiles the engine (on one core it competes with the work).
        rate(seconds, changed, false);
        rate(seconds, changed, true);
        double[] changedRates = new double[runs];
        double[] unchangedRates = new double[runs];
        for (int r = 0; r < runs; r++) {
            changedRates[r] = rate(seconds, changed, false);
            unchangedRates[r] = rate(seconds, changed, true);
        }
        System.out.printf("corpus: %d pairs from real libvirt output (%d refused by libvirt's ABI check)%n",
                corpus.size(), corpus.stream().filter(OracleCorpus.Pair::libvirtSaysGuestVisible).count());
        System.out.printf("changed pairs (XMLUnit), one thread: median %.0f compares/s  all: %s%n",
                median(changedRates), Arrays.toString(round(changedRates)));
        System.out.printf("unchanged pairs (short-circuit), one thread: median %.0f compares/s  all: %s%n",
                median(unchangedRates), Arrays.toString(round(unchangedRates)));
        textualDiff(corpus);
    }

    private static double rate(double seconds, List<OracleCorpus.Pair> pairs, boolean unchanged) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() < deadline) {
            for (OracleCorpus.Pair pair : pairs) {
                String current = unchanged ? new String(pair.base().toCharArray()) : pair.current();
                if (DriftEngine.compare(pair.base(), current).size() < 0) {
                    throw new IllegalStateException();
                }
                count++;
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void textualDiff(List<OracleCorpus.Pair> corpus) throws Exception {
        Path dir = Files.createTempDirectory("abiguard-bench-diff");
        int alarms = 0;
        int falseAlarms = 0;
        int missed = 0;
        long start = System.nanoTime();
        for (OracleCorpus.Pair pair : corpus) {
            Path a = Files.writeString(dir.resolve("a.xml"), pair.base());
            Path b = Files.writeString(dir.resolve("b.xml"), pair.current());
            Process diff = new ProcessBuilder("diff", "-q", a.toString(), b.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            diff.waitFor(10, TimeUnit.SECONDS);
            boolean differs = diff.exitValue() == 1;
            alarms += differs ? 1 : 0;
            falseAlarms += differs && !pair.libvirtSaysGuestVisible() ? 1 : 0;
            missed += !differs && pair.libvirtSaysGuestVisible() ? 1 : 0;
        }
        double diffRate = corpus.size() / ((System.nanoTime() - start) / 1e9);
        long abiFalse = corpus.stream().filter(p -> !p.libvirtSaysGuestVisible()
                && DriftEngine.compare(p.base(), p.current()).stream().anyMatch(Finding::libvirtAbi)).count();
        long abiMissed = corpus.stream().filter(p -> p.libvirtSaysGuestVisible()
                && DriftEngine.compare(p.base(), p.current()).stream().noneMatch(Finding::libvirtAbi)).count();
        long beyond = corpus.stream().filter(p -> !p.libvirtSaysGuestVisible()
                && DriftEngine.compare(p.base(), p.current()).stream().anyMatch(Finding::guestVisible)).count();
        System.out.printf("textual diff -q (one process per pair): %.0f compares/s; flagged %d of %d pairs, "
                        + "%d of them false alarms (libvirt accepts them), %d guest-visible pairs missed%n",
                diffRate, alarms, corpus.size(), falseAlarms, missed);
        System.out.printf("abiguard libvirt_abi on the same pairs: %d false alarms, %d misses; guest_visible beyond "
                + "libvirt's check (stated rules): %d pairs%n", abiFalse, abiMissed, beyond);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
