package org.abiguard.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.abiguard.libvirt.SaveImageJudge;

/**
 * The agreement table for docs/drift-rules.md: per shape and mutation kind, libvirt's verdict, abiguard's
 * libvirt_abi and guest_visible verdicts, and whether they agree; per shape both figures, the rules alone as judge
 * and libvirt's judge ({@link SaveImageJudge}). Written to target/oracle-agreement.md.
 */
final class OracleAgreement {
    private OracleAgreement() {
    }

    static void write(List<OracleCorpus.Pair> corpus, SaveImageJudge judge) {
        StringBuilder rows = new StringBuilder();
        Map<String, int[]> perShape = new TreeMap<>();
        for (OracleCorpus.Pair pair : corpus) {
            List<Finding> findings = DriftEngine.compare(pair.base(), pair.current());
            boolean abi = findings.stream().anyMatch(Finding::libvirtAbi);
            boolean visible = findings.stream().anyMatch(Finding::guestVisible);
            boolean agrees = abi == pair.libvirtSaysGuestVisible();
            boolean judgeAgrees = JudgedComparison.of(pair.base(), pair.current(), java.util.Optional.of(judge)).findings()
                    .stream().anyMatch(Finding::libvirtAbi) == pair.libvirtSaysGuestVisible();
            int[] counts = perShape.computeIfAbsent(pair.shape(), k -> new int[3]);
            counts[0]++;
            counts[1] += agrees ? 1 : 0;
            counts[2] += judgeAgrees ? 1 : 0;
            rows.append("| ").append(pair.shape()).append(" | ").append(pair.mutation().id()).append(" | ")
                    .append(pair.libvirtSaysGuestVisible() ? "refuses" : "accepts").append(" | ")
                    .append(abi).append(" | ").append(visible).append(" | ")
                    .append(findings.stream().map(f -> f.category().label()).distinct().sorted()
                            .reduce((a, b) -> a + ", " + b).orElse("none"))
                    .append(" | ").append(agrees ? "yes" : "**no**").append(" |\n");
        }
        StringBuilder out = new StringBuilder("| shape | pairs | rules judge: libvirt_abi agrees | libvirt judge: agrees |\n"
                + "|---|---|---|---|\n");
        int[] total = new int[3];
        perShape.forEach((shape, c) -> {
            out.append("| ").append(shape).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" (")
                    .append(100 * c[1] / c[0]).append("%) | ").append(c[2]).append(" (").append(100 * c[2] / c[0])
                    .append("%) |\n");
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        });
        out.append("| all | ").append(total[0]).append(" | ").append(total[1]).append(" (").append(100 * total[1] / total[0])
                .append("%) | ").append(total[2]).append(" (").append(100 * total[2] / total[0]).append("%) |\n");
        out.append("\n| shape | mutation | libvirt | libvirt_abi | guest_visible | categories | agrees |\n")
                .append("|---|---|---|---|---|---|---|\n").append(rows);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/oracle-agreement.md"), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
