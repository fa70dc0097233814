package org.abiguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * libvirt is the judge: for every pair of the oracle corpus, abiguard reports guest-visible drift
 * exactly when {@code virsh save-image-define} refuses the pair, and names the expected category.
 */
class OracleCorpusTest {
    private static TestGuests guests;
    private static List<OracleCorpus.Pair> corpus;

    @BeforeAll
    static void buildCorpus() {
        guests = TestGuests.create("oracle");
        corpus = OracleCorpus.build(guests);
    }

    @AfterAll
    static void cleanUp() {
        guests.close();
    }

    @Test
    void corpusHasAtLeastTwentyFiveMutationsOfBothKinds() {
        assertTrue(corpus.size() >= 25, "corpus size " + corpus.size());
        assertTrue(corpus.stream().filter(OracleCorpus.Pair::libvirtSaysGuestVisible).count() >= 10);
        assertTrue(corpus.stream().filter(p -> !p.libvirtSaysGuestVisible()).count() >= 10);
    }

    @TestFactory
    Stream<DynamicTest> abiguardAgreesWithLibvirtOnEveryPair() {
        return corpus.stream().map(pair -> DynamicTest.dynamicTest(pair.id(), () -> {
            List<Finding> findings = DriftEngine.compare(pair.base(), pair.current());
            boolean guestVisible = findings.stream().anyMatch(Finding::guestVisible);
            String report = pair.id() + ": libvirt " + (pair.libvirtSaysGuestVisible()
                    ? "refused (" + pair.abiRefusal() + ")" : "accepted") + "; abiguard found " + findings;
            assertEquals(pair.libvirtSaysGuestVisible(), guestVisible, report);
            Category expected = pair.mutation().expected();
            if (expected == null) {
                assertEquals(List.of(), findings, report);
            } else {
                assertEquals(expected.guestVisible(), pair.libvirtSaysGuestVisible(),
                        "the corpus expects " + expected.label() + " but " + report);
                assertTrue(findings.stream().map(Finding::category).collect(Collectors.toSet()).contains(expected),
                        "expected " + expected.label() + ": " + report);
            }
        }));
    }
}
