package org.abiguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * libvirt is the judge: for every pair of the oracle corpus, abiguard has a {@code libvirt_abi} finding
 * exactly when {@code virsh save-image-define} refuses the pair, names the expected category, marks a
 * change libvirt accepts as guest-visible only by a stated beyond-libvirt rule, and never reports a
 * finding whose before equals its after. The agreement table is written to target/oracle-agreement.md.
 */
class OracleCorpusTest {
    private static TestGuests guests;
    private static List<OracleCorpus.Pair> corpus;

    @BeforeAll
    static void buildCorpus() {
        guests = TestGuests.create("oracle");
        corpus = OracleCorpus.build(guests);
        OracleAgreement.write(corpus);
    }

    @AfterAll
    static void cleanUp() {
        guests.close();
    }

    @Test
    void corpusCoversSixShapesAndEightyMutationKindsOfBothVerdicts() {
        assertTrue(corpus.stream().map(OracleCorpus.Pair::shape).distinct().count() >= 6);
        assertTrue(corpus.stream().map(p -> p.mutation().id()).distinct().count() >= 80, "kinds");
        assertTrue(corpus.stream().filter(OracleCorpus.Pair::libvirtSaysGuestVisible).count() >= 40);
        assertTrue(corpus.stream().filter(p -> !p.libvirtSaysGuestVisible()).count() >= 40);
    }

    @TestFactory
    Stream<DynamicTest> abiguardAgreesWithLibvirtOnEveryPair() {
        return corpus.stream().map(pair -> DynamicTest.dynamicTest(pair.id(), () -> {
            List<Finding> findings = DriftEngine.compare(pair.base(), pair.current());
            String report = pair.id() + ": libvirt " + (pair.libvirtSaysGuestVisible()
                    ? "refused (" + pair.abiRefusal() + ")" : "accepted") + "; abiguard found " + findings;
            assertEquals(pair.libvirtSaysGuestVisible(), findings.stream().anyMatch(Finding::libvirtAbi), report);
            for (Finding f : findings) {
                assertFalse(f.before() != null && f.before().equals(f.after()), "before equals after: " + report);
                assertEquals(f.guestVisible(), f.libvirtAbi() || f.beyondLibvirt() != null, report);
            }
            Category expected = pair.mutation().expected();
            if (expected == null) {
                assertEquals(List.of(), findings, report);
                return;
            }
            assertTrue(findings.stream().map(Finding::category).collect(Collectors.toSet()).contains(expected),
                    "expected " + expected.label() + ": " + report);
            if (expected.guestVisible() && !pair.libvirtSaysGuestVisible()) {
                assertTrue(findings.stream().anyMatch(f -> f.category() == expected && f.beyondLibvirt() != null),
                        "libvirt accepts, so " + expected.label() + " needs a beyond-libvirt rule: " + report);
            }
            if (!expected.guestVisible()) {
                assertFalse(pair.libvirtSaysGuestVisible(), "the corpus expects host-config but " + report);
            }
        }));
    }
}
