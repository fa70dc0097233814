package org.abiguard.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.Virsh;
import org.abiguard.testing.XmlEdit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge asks the real libvirtd (qemu:///system) with hand-written save images and never a running guest. */
class SaveImageJudgeTest {
    private static TestGuests guests;
    private static String base;

    @TempDir
    Path dir;

    @BeforeAll
    static void defineGuest() throws Exception {
        guests = TestGuests.create("judge");
        base = guests.defineStandard("a").getXMLDesc(2); // inactive
    }

    @AfterAll
    static void cleanUp() {
        guests.close();
    }

    private SaveImageJudge judge(Duration timeout) {
        return SaveImageJudge.open(TestGuests.URI, dir.resolve("judge"), timeout);
    }

    @Test
    void libvirtAcceptsTheSameAbiAndRefusesAnotherInItsOwnWords() throws Exception {
        String version = Virsh.libvirtJudge();
        try (SaveImageJudge judge = judge(SaveImageJudge.DEFAULT_TIMEOUT)) {
            assertEquals(AbiVerdict.accepted(version), judge.judge(base, base));
            String movedSource = XmlEdit.apply(base, e -> e.set("/domain/devices/disk[1]/source", "file",
                    guests.disk("a-elsewhere").toString()));
            assertEquals(AbiVerdict.accepted(version), judge.judge(base, movedSource));

            String movedSlot = XmlEdit.apply(base, e -> e.set("/domain/devices/disk[2]/address", "slot", "0x09"));
            AbiVerdict refused = judge.judge(base, movedSlot);
            assertEquals(AbiVerdict.Outcome.REFUSED, refused.outcome(), refused::toString);
            assertEquals(version, refused.judge());
            assertTrue(refused.message().contains("PCI address") && refused.message().contains("does not match"),
                    refused::toString);

            String nic = XmlEdit.apply(base, e -> e.set("/domain/devices/interface/model", "type", "e1000"));
            assertEquals(AbiVerdict.Outcome.REFUSED, judge.judge(base, nic).outcome());
        }
        try (var files = Files.list(dir.resolve("judge"))) {
            assertEquals(List.of(), files.toList(), "every question's file is removed");
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("judge"))));
    }

    @Test
    void aSideLibvirtCannotTakeAloneIsUnjudgedWithTheReason() {
        String unknownMachine = XmlEdit.apply(base, e -> e.set("/domain/os/type", "machine", "pc-i440fx-0.1"));
        try (SaveImageJudge judge = judge(SaveImageJudge.DEFAULT_TIMEOUT)) {
            AbiVerdict current = judge.judge(base, unknownMachine);
            assertEquals(AbiVerdict.Outcome.UNJUDGED, current.outcome(), current::toString);
            assertEquals(AbiVerdict.RULES, current.judge());
            assertTrue(current.message().contains("cannot take the current XML alone"), current::toString);
            AbiVerdict baseline = judge.judge(unknownMachine, base);
            assertTrue(baseline.message().contains("cannot take the baseline alone"), baseline::toString);
            assertEquals(AbiVerdict.Outcome.ACCEPTED, judge.judge(base, base).outcome(), "the judge still works");
        }
    }

    @Test
    void aConnectionThatIsNotTheLocalQemuDriverIsUnjudged() {
        try (SaveImageJudge test = SaveImageJudge.open("test:///default", dir, Duration.ofSeconds(2));
             SaveImageJudge remote = SaveImageJudge.open("qemu+ssh://elsewhere/system", dir, Duration.ofSeconds(2))) {
            assertEquals(AbiVerdict.Outcome.UNJUDGED, test.judge(base, base).outcome());
            assertTrue(remote.judge(base, base).message().contains("not the QEMU driver on this machine"));
        }
    }

    @Test
    void aDaemonThatNeverAnswersCostsOneTimeoutThenNothing() throws Exception {
        Path socket = dir.resolve("hung.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept()); // holds every connection open and never answers
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (SaveImageJudge judge = SaveImageJudge.open("qemu+unix:///system?socket=" + socket, dir.resolve("j"),
                    Duration.ofMillis(500))) {
                long start = System.nanoTime();
                AbiVerdict first = judge.judge(base, base);
                long firstMs = (System.nanoTime() - start) / 1_000_000;
                assertEquals(AbiVerdict.Outcome.UNJUDGED, first.outcome(), first::toString);
                assertTrue(first.message().contains("did not answer within 500 ms"), first::toString);
                assertTrue(firstMs < 5_000, "bounded by the timeout, took " + firstMs + " ms");
                start = System.nanoTime();
                assertEquals(first, judge.judge(base, base));
                assertTrue((System.nanoTime() - start) / 1_000_000 < 100, "a hung daemon is not asked again");
            }
        }
    }

    @Test
    void concurrentQuestionsEachGetTheirOwnAnswer() throws Exception {
        String movedSlot = XmlEdit.apply(base, e -> e.set("/domain/devices/disk[2]/address", "slot", "0x09"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SaveImageJudge judge = judge(SaveImageJudge.DEFAULT_TIMEOUT)) {
            List<Future<AbiVerdict.Outcome>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String current = i % 2 == 0 ? base : movedSlot;
                answers.add(pool.submit(() -> judge.judge(base, current).outcome()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(i % 2 == 0 ? AbiVerdict.Outcome.ACCEPTED : AbiVerdict.Outcome.REFUSED, answers.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(dir.resolve("judge"))) {
            assertEquals(0, files.count());
        }
    }
}
