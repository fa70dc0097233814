package org.abiguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs virsh on the local libvirtd, capturing output: the oracle's hands (save, save-image-define). */
public final class Virsh {
    private Virsh() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", TestGuests.URI));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("virsh " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run virsh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String ok(String... args) {
        Result result = run(args);
        if (!result.ok()) {
            throw new IllegalStateException("virsh " + String.join(" ", args) + " failed: " + result.stderr());
        }
        return result.stdout();
    }

    /** What abiguard's findings name as their judge when the local libvirtd judged: "libvirt 9.0.0". */
    public static String libvirtJudge() {
        return "libvirt " + ok("version").lines().filter(l -> l.startsWith("Using library: libvirt ")).findFirst()
                .orElseThrow().substring("Using library: libvirt ".length()).trim();
    }
}
