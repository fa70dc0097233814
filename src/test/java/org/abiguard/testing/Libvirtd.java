package org.abiguard.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Restarts or kills the system libvirtd (root's; the abiguard-session user's session daemon, the second
 * instance of the restore tests, is left alone) the way scripts/setup-host.sh starts it.
 */
public final class Libvirtd {
    private Libvirtd() {
    }

    /** SIGKILL to root's libvirtd: the fault, not a clean stop. Returns pkill's exit code. */
    public static int killSystemDaemon() throws IOException, InterruptedException {
        return run("pkill", "-KILL", "-u", "root", "-x", "libvirtd");
    }

    public static void restart() throws IOException, InterruptedException {
        run("pkill", "-u", "root", "-x", "libvirtd");
        for (int i = 0; i < 40 && run("pgrep", "-u", "root", "-x", "libvirtd") == 0; i++) {
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
