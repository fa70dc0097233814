package org.abiguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.abiguard.archive.Database;
import org.abiguard.archive.PassSummary;
import org.abiguard.archive.SnapshotPass;
import org.abiguard.config.Config;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;

/**
 * Host-pass benchmark (not a test): defines N guests on the local libvirtd, then measures in one run
 * (a) a steady-state in-process {@code snapshot} pass against a fresh PostgreSQL database and
 * (b) the cron-script alternative, a shell loop of {@code virsh dumpxml --inactive} writing files.
 * Then the same as whole processes ({@code snapshot}, {@code audit}) with the systemd units' JVM options.
 * Run: {@code scripts/bench-snapshot.sh [N[,N...]] [RUNS]}; prints medians and the ratio per size.
 */
public final class SnapshotBenchmark {
    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (String size : (args.length > 0 ? args[0] : "500").split(",")) {
            measure(Integer.parseInt(size.trim()), runs);
        }
    }

    private static void measure(int guests, int runs) throws Exception {
        try (TestDatabase db = TestDatabase.create("bench"); TestGuests pool = TestGuests.create("bench")) {
            System.err.printf("defining %d guests...%n", guests);
            Path disk = pool.disk("shared");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < guests; i++) {
                String name = pool.name(String.format("%04d", i));
                pool.define(TestGuests.standardXml(name, disk, disk));
                names.add(name);
            }
            Config config = new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                    Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "bench-host", Path.of("/tmp"),
                    Optional.empty());
            try (Database database = Database.open(config);
                 LibvirtConnection connection = LibvirtConnection.open(TestGuests.URI)) {
                SnapshotPass pass = new SnapshotPass(database.jdbi(), "bench-host");
                long first = timeMillis(() -> pass.run(List.of(connection)));
                PassSummary warm = pass.run(List.of(connection));
                double[] steady = new double[runs];
                double[] loop = new double[runs];
                Path out = Files.createTempDirectory("abiguard-virsh-loop");
                Path script = writeLoopScript(out, names);
                for (int r = 0; r < runs; r++) {
                    steady[r] = timeMillis(() -> pass.run(List.of(connection)));
                    loop[r] = timeMillis(() -> runScript(script));
                }
                double steadyMedian = median(steady);
                double loopMedian = median(loop);
                System.out.printf("guests=%d runs=%d domains_on_host=%d%n", guests, runs, warm.domainsSeen());
                System.out.printf("first pass (in-process, stores every XML): %d ms%n", first);
                System.out.printf("steady-state pass (in-process), median: %.1f ms  all: %s%n", steadyMedian,
                        Arrays.toString(steady));
                System.out.printf("virsh dumpxml --inactive loop, median: %.1f ms  all: %s%n", loopMedian,
                        Arrays.toString(loop));
                System.out.printf("ratio loop/pass: %.1fx%n", loopMedian / steadyMedian);
                wholeProcess(db, guests);
            }
        }
    }

    /**
     * The same archive as whole processes, as the timer runs them: {@code snapshot} and {@code audit}
     * with the JVM options of the systemd units, wall time and peak RSS (GNU time), median of three.
     */
    private static void wholeProcess(TestDatabase db, int guests) throws Exception {
        for (String command : List.of("snapshot", "audit")) {
            double[] seconds = new double[3];
            long[] rssKb = new long[3];
            for (int r = 0; r < 3; r++) {
                Path stats = Files.createTempFile("abiguard-time", ".txt");
                ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-f", "%e %M", "-o", stats.toString(),
                        "java", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                        "-jar", "target/abiguard.jar", command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                pb.environment().putAll(java.util.Map.of("ABIGUARD_DB_URL", db.url(), "ABIGUARD_DB_USER",
                        TestDatabase.USER, "ABIGUARD_DB_PASSWORD", TestDatabase.PASSWORD, "ABIGUARD_HOST", "bench-host",
                        "ABIGUARD_STATE_DIR", Files.createTempDirectory("abiguard-bench-state").toString()));
                Process p = pb.start();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed: " + Files.readString(stats));
                }
                String[] parts = Files.readString(stats).trim().split("\\s+");
                seconds[r] = Double.parseDouble(parts[parts.length - 2]);
                rssKb[r] = Long.parseLong(parts[parts.length - 1]);
            }
            Arrays.sort(rssKb);
            System.out.printf("whole process 'abiguard %s' (%d domains, unit JVM options): median %.2f s, "
                    + "peak RSS median %d MiB  all: %s s%n", command, guests, median(seconds), rssKb[1] / 1024,
                    Arrays.toString(seconds));
        }
    }

    private static Path writeLoopScript(Path out, List<String> names) throws IOException {
        Path list = out.resolve("names.txt");
        Files.write(list, names);
        Path script = out.resolve("loop.sh");
        Files.writeString(script, "#!/bin/sh\nwhile IFS= read -r n; do virsh -q -c " + TestGuests.URI
                + " dumpxml --inactive \"$n\" > \"" + out + "/$n.xml\"; done < \"" + list + "\"\n");
        return script;
    }

    private static void runScript(Path script) {
        try {
            Process p = new ProcessBuilder("sh", script.toString()).inheritIO().start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("virsh loop failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long timeMillis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
