package org.abiguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.abiguard.testing.XmlEdit;
import org.junit.jupiter.api.Test;

/**
 * libvirt's own test-suite domain XML (libvirt 9.0.0's Debian source package, fetched by
 * scripts/setup-host.sh; x86, aarch64, ppc64, s390x, riscv and more): every {@code <domain>} file compared
 * with itself parsed a second time, re-serialised, and with its PCI addresses written in decimal gives no
 * error and no finding.
 */
class LibvirtTestSuiteXmlTest {
    private static final Path SUITE = Path.of("/var/cache/abiguard-ci/libvirt-9.0.0-tests");

    @Test
    void everyDomainOfLibvirtsTestSuiteComparedWithItselfHasNoFinding() throws IOException {
        assertTrue(Files.isRegularFile(SUITE.resolve(".complete")), SUITE + " is missing: run scripts/setup-host.sh");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SUITE)) {
            files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        int domains = 0;
        for (Path file : files) {
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            if (!xml.contains("<domain")) {
                continue;
            }
            domains++;
            try {
                check(file, xml, xml);
                check(file, xml, XmlEdit.apply(xml, e -> { }));
                check(file, xml, XmlEdit.apply(xml, e -> e.hexToDecimal("//address[@type='pci']")));
            } catch (RuntimeException e) {
                problems.add(SUITE.relativize(file) + ": " + e);
            }
        }
        assertTrue(domains > 1500, "only " + domains + " domain files");
        assertEquals(List.of(), problems, problems.size() + " of " + domains + " files");
    }

    private static void check(Path file, String base, String current) {
        List<Finding> findings = DriftEngine.compare(DomainDocument.parse(base, file + " (base)"),
                DomainDocument.parse(current, file + " (current)"));
        if (!findings.isEmpty()) {
            throw new IllegalStateException("findings " + findings);
        }
    }
}
