package org.abiguard.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook's decision on bad input, in enforce mode: garbage or an oversize document on stdin, an unknown
 * operation, a name with control characters. Never a refused start caused by abiguard's own error; always a
 * line in the journal (or, for operations the gate does not judge, nothing at all).
 */
class HookDecisionTest {
    private static final String UUID = "5a3c0a44-9a26-4f5e-8d36-1d2b6c7e8f90";
    private static final String GUEST = "<domain type='qemu'><name>g</name><uuid>" + UUID + "</uuid>"
            + "<memory unit='KiB'>65536</memory><os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>"
            + "<devices><disk type='file' device='disk'><source file='/x.img'/><target dev='vda' bus='virtio'/>"
            + "<address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/></disk></devices></domain>";

    @TempDir
    Path stateDir;

    private HookDecision hook;

    @BeforeEach
    void enforceWithABaseline() throws Exception {
        new GateSettings(GateMode.ENFORCE, Map.of()).write(stateDir);
        Path baselines = stateDir.resolve("gate").resolve("baselines");
        Files.createDirectories(baselines);
        Files.writeString(baselines.resolve(UUID + ".xml"), GUEST);
        Files.writeString(baselines.resolve("index.properties"), UUID + "=1 g\n");
        hook = new HookDecision(stateDir);
    }

    private List<String> journal() throws Exception {
        Path file = stateDir.resolve("gate").resolve("journal.jsonl");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void theSameHardwareStartsAndAMovedDiskIsRefused() throws Exception {
        assertEquals(0, hook.decide("g", "prepare", "begin", GUEST).exitCode());
        HookDecision.Outcome moved = hook.decide("g", "prepare", "begin", GUEST.replace("slot='0x04'", "slot='0x05'"));
        assertEquals(1, moved.exitCode());
        assertTrue(moved.message().contains("device-address disk vda"), moved.message());
        assertEquals(2, journal().size());
    }

    @Test
    void libvirtJudgesAndADaemonThatNeverAnswersLeavesTheDecisionToTheRules() throws Exception {
        HookDecision.Outcome byLibvirt = hook.decide("g", "prepare", "begin", GUEST.replace("slot='0x04'", "slot='0x05'"));
        assertEquals(1, byLibvirt.exitCode());
        assertTrue(byLibvirt.message().contains("judged by " + org.abiguard.testing.Virsh.libvirtJudge()), byLibvirt.message());
        assertTrue(journal().get(0).contains("\"judge\":\"" + org.abiguard.testing.Virsh.libvirtJudge() + "\""),
                journal().toString());

        Path socket = stateDir.resolve("hung.sock");
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket)); // accepts into the backlog, never answers
            HookDecision hung = new HookDecision(stateDir, "qemu+unix:///system?socket=" + socket,
                    java.time.Duration.ofMillis(300));
            HookDecision.Outcome byRules = hung.decide("g", "prepare", "begin", GUEST.replace("slot='0x04'", "slot='0x05'"));
            assertEquals(1, byRules.exitCode(), "enforce still refuses, on the rules' verdict");
            assertTrue(byRules.message().contains("judged by the rules: libvirt at qemu+unix:///system?socket=")
                    && byRules.message().contains("did not answer within 300 ms"), byRules.message());
            assertTrue(journal().get(1).contains("\"judge\":\"rules\""), journal().toString());
        }
    }

    @Test
    void garbageOnStdinFailsOpenAndIsJournalled() throws Exception {
        HookDecision.Outcome outcome = hook.decide("g", "prepare", "begin", "\u0000\u0001 not xml at all");
        assertEquals(0, outcome.exitCode());
        assertTrue(outcome.message().contains("could not judge") && outcome.message().contains("fails open"), outcome.message());
        assertTrue(journal().get(0).contains("\"verdict\":\"failed-open\""), journal().toString());
    }

    @Test
    void anOversizeDocumentFailsOpen() throws Exception {
        String huge = GUEST.replace("</domain>", "<description>" + "x".repeat(11 * 1024 * 1024) + "</description></domain>");
        assertEquals(0, hook.decide("g", "prepare", "begin", huge).exitCode());
        assertTrue(journal().get(0).contains("failed-open"));
    }

    @Test
    void operationsTheGateDoesNotJudgeExitAtOnce() throws Exception {
        for (String[] op : new String[][] {{"start", "begin"}, {"started", "begin"}, {"stopped", "end"},
                {"prepare", "end"}, {"reconnect", "begin"}, {"no-such-op", "x"}}) {
            assertEquals(0, hook.decide("g", op[0], op[1], GUEST.replace("slot='0x04'", "slot='0x05'")).exitCode());
        }
        assertEquals(List.of(), journal());
    }

    @Test
    void aNameWithControlCharactersIsEscapedInEveryOutput() throws Exception {
        String evil = "g\u001b[31m\u0007";
        HookDecision.Outcome outcome = hook.decide(evil, "prepare", "begin", GUEST.replace("slot='0x04'", "slot='0x05'"));
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.message().contains("g\\x1b[31m\\x07") && !outcome.message().contains("\u001b"), outcome.message());
        assertTrue(!journal().get(0).contains("\u001b"));
    }

    @Test
    void noBaselineIsAFirstBootAndAMissingGateIsWarn() throws Exception {
        String other = GUEST.replace(UUID, "11111111-2222-4333-8444-555555555555");
        assertEquals(0, hook.decide("h", "prepare", "begin", other).exitCode());
        assertTrue(journal().get(0).contains("first-boot"));
    }
}
