package org.abiguard.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Restarts the local libvirtd the way scripts/setup-host.sh starts it (running guests survive). */
public final class Libvirtd {
    private Libvirtd() {
    }

    public static void restart() throws IOException, InterruptedException {
        run("pkill", "-x", "libvirtd");
        for (int i = 0; i < 40 && run("pgrep", "-x", "libvirtd") == 0; i++) {
            Thread.sleep(250);
        }
        if (run("libvirtd", "-d") != 0) {
            throw new IllegalStateException("libvirtd -d failed");
        }
        for (int i = 0; i < 60; i++) {
            if (run("virsh", "-c", TestGuests.URI, "version") == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("libvirtd did not come back within 30 s");
    }

    public static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
        }
        return process.exitValue();
    }
}
