package org.abiguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.abiguard.archive.Database;
import org.abiguard.archive.SnapshotPass;
import org.abiguard.config.Config;
import org.abiguard.drift.PassVerdicts;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.libvirt.SaveImageJudge;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.XmlEdit;

/**
 * What libvirt as the judge costs a pass (a benchmark, not a test): N guests (default 1,000) archived, then CHANGED
 * of them redefined (half a host-side change libvirt accepts in one call, half a moved balloon it refuses, which
 * costs three calls), then per run: the pass that archives the changes alone (before), the judging step after it
 * (after = pass + judging), an unchanged pass with its judging step (one query, no libvirt call), and the obvious
 * alternative for the same pairs: a {@code virsh save-image-define} process per pair on the same hand-written images.
 * Run: {@code scripts/bench-judge.sh [N] [CHANGED] [RUNS]}.
 */
public final class JudgeBenchmark {
    private JudgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int changed = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double[] pass = new double[runs];
        double[] judging = new double[runs];
        double[] unchanged = new double[runs];
        double[] unchangedAlone = new double[runs];
        double[] virsh = new double[runs];
        for (int r = 0; r < runs; r++) {
            try (TestDatabase db = TestDatabase.create("benchjudge"); TestGuests pool = TestGuests.create("bj")) {
                List<String> base = new ArrayList<>();
                for (int i = 0; i < guests; i++) {
                    base.add(pool.define("<domain type='qemu'><name>" + pool.name(String.format("%04d", i)) + "</name>"
                            + "<memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type>"
                            + "</os><devices><memballoon model='virtio'/></devices></domain>").getXMLDesc(2));
                }
                Config config = new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                        Optional.of(TestDatabase.PASSWORD), List.of(TestGuests.URI), "bench-judge", Path.of("/tmp"),
                        Optional.empty());
                Path work = Files.createTempDirectory("abiguard-bench-judge");
                try (Database database = Database.open(config);
                     LibvirtConnection connection = LibvirtConnection.openReadOnly(TestGuests.URI);
                     SaveImageJudge judge = SaveImageJudge.open(TestGuests.URI, work, SaveImageJudge.DEFAULT_TIMEOUT)) {
                    SnapshotPass snapshot = new SnapshotPass(database.jdbi(), "bench-judge");
                    snapshot.run(List.of(connection));
                    List<String[]> pairs = new ArrayList<>();
                    for (int i = 0; i < changed; i++) {
                        String current = i % 2 == 0
                                ? base.get(i).replace("<on_crash>destroy</on_crash>", "<on_crash>restart</on_crash>")
                                : XmlEdit.apply(base.get(i), e -> e.set("/domain/devices/memballoon/address", "slot", "0x09"));
                        pool.define(current);
                        pairs.add(new String[] {base.get(i), current});
                    }
                    pass[r] = millis(() -> snapshot.run(List.of(connection)));
                    int[] judged = new int[1];
                    judging[r] = millis(() -> judged[0] = PassVerdicts.judgeNew(database.jdbi(), "bench-judge", judge));
                    if (judged[0] != changed) {
                        throw new IllegalStateException("judged " + judged[0] + " of " + changed);
                    }
                    unchangedAlone[r] = millis(() -> snapshot.run(List.of(connection)));
                    unchanged[r] = millis(() -> {
                        snapshot.run(List.of(connection));
                        PassVerdicts.judgeNew(database.jdbi(), "bench-judge", judge);
                    });
                    virsh[r] = millis(() -> virshLoop(pairs, work));
                }
            }
        }
        System.out.printf("guests=%d changed=%d runs=%d%n", guests, changed, runs);
        System.out.printf("pass archiving the changes (before): median %.0f ms %s%n", median(pass), Arrays.toString(pass));
        System.out.printf("judging step after it: median %.0f ms (%.1f ms per changed version) %s%n", median(judging),
                median(judging) / changed, Arrays.toString(judging));
        System.out.printf("after = pass + judging: median %.0f ms (x%.2f of before)%n", median(pass) + median(judging),
                (median(pass) + median(judging)) / median(pass));
        System.out.printf("unchanged pass alone: median %.0f ms %s%n", median(unchangedAlone), Arrays.toString(unchangedAlone));
        System.out.printf("unchanged pass + judging step (no libvirt call): median %.0f ms %s%n", median(unchanged),
                Arrays.toString(unchanged));
        System.out.printf("virsh save-image-define per pair (the same %d pairs, one call each): median %.0f ms; "
                + "ratio virsh/judge %.1fx%n", changed, median(virsh), median(virsh) / median(judging));
    }

    /** One virsh process per pair on the same kind of hand-written image (a fresh one per call). */
    private static void virshLoop(List<String[]> pairs, Path work) {
        try {
            for (String[] pair : pairs) {
                byte[] xml = pair[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int dataLen = xml.length + 1 + 65536;
                java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(92).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                header.put("LibvirtQemudSave".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2)
                        .putInt(dataLen);
                Path image = work.resolve("virsh.save");
                byte[] all = new byte[92 + dataLen];
                System.arraycopy(header.array(), 0, all, 0, 92);
                System.arraycopy(xml, 0, all, 92, xml.length);
                Files.write(image, all);
                Path current = Files.writeString(work.resolve("current.xml"), pair[1]);
                Process p = new ProcessBuilder("virsh", "-q", "-c", TestGuests.URI, "save-image-define", image.toString(),
                        current.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static double millis(Action action) {
        long start = System.nanoTime();
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
