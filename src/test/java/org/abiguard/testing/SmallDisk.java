package org.abiguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real small file system for full-disk tests: a tmpfs of a given size mounted on a fresh directory
 * (the tests run as root, as CI does), filled with a filler file until {@code free} bytes are left.
 * {@link #close()} unmounts it.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static SmallDisk mount(Path mountPoint, long sizeBytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes + ",mode=0700", "tmpfs", mountPoint.toString());
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Fills the disk with a filler file until about {@code free} bytes are left; returns the filler. */
    public Path fillLeaving(long free) throws IOException {
        Path filler = mountPoint.resolve("filler");
        long available = Files.getFileStore(mountPoint).getUsableSpace();
        Files.write(filler, new byte[(int) Math.max(0, available - free)]);
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
