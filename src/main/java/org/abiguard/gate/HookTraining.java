package org.abiguard.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the hook's class-data sharing archive ({@code STATE_DIR/gate/hook.jsa}): one decision on a sample
 * guest, in a throwaway state directory, run with {@code -XX:ArchiveClassesAtExit}, so every later hook
 * starts its JVM with the decision's classes already loaded. Optional: without the archive the hook is
 * slower, not wrong ({@code -Xshare:auto}).
 */
public final class HookTraining {
    private static final Logger log = LoggerFactory.getLogger(HookTraining.class);
    private static final String SAMPLE = """
            <domain type='qemu'><name>abiguard-training</name><uuid>00000000-0000-4000-8000-000000000001</uuid>
            <memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>
            <devices><disk type='file' device='disk'><source file='/dev/null'/><target dev='vda' bus='virtio'/>
            <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/></disk>
            <interface type='user'><mac address='52:54:00:00:00:01'/><model type='virtio'/>
            <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/></interface></devices></domain>
            """;

    private HookTraining() {
    }

    public static void train(String command, Path stateDir) {
        Path archive = stateDir.resolve("gate").resolve("hook.jsa");
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("abiguard-hook-training");
            Path gate = scratch.resolve("gate").resolve("baselines");
            Files.createDirectories(gate);
            Files.writeString(gate.resolve("00000000-0000-4000-8000-000000000001.xml"), SAMPLE.replace("slot='0x04'", "slot='0x05'"));
            Files.writeString(gate.resolve("index.properties"), "00000000-0000-4000-8000-000000000001=1 abiguard-training\n");
            Files.deleteIfExists(archive);
            ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command
                    + " hook --state-dir \"$1\" qemu abiguard-training prepare begin -", "training", scratch.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("ABIGUARD_JAVA_OPTS", HookInstaller.JVM_OPTIONS + " -XX:ArchiveClassesAtExit=" + archive);
            Process process = builder.start();
            process.getOutputStream().write(SAMPLE.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS) || !Files.isRegularFile(archive)) {
                process.destroyForcibly();
                log.warn("the hook's class-data archive was not created; the hook works, only slower");
            }
        } catch (IOException e) {
            log.warn("cannot train the hook's class-data archive ({}); the hook works, only slower", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (scratch != null) {
                try (var walk = Files.walk(scratch)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory
                }
            }
        }
    }
}
