package org.abiguard.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** The system libvirtd (or virtqemud) as /proc shows it: when it started. Linux only. */
final class LibvirtdProcess {
    private LibvirtdProcess() {
    }

    static Optional<Instant> startTime() throws IOException {
        long bootSeconds = bootTime();
        long ticks = 100; // USER_HZ on Linux
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    String comm = Files.readString(proc.resolve("comm")).trim();
                    if (!comm.equals("libvirtd") && !comm.equals("virtqemud")) {
                        continue;
                    }
                    if (Files.getOwner(proc).getName().equals("root")) {
                        String stat = Files.readString(proc.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long startTicks = Long.parseLong(fields[19]); // field 22 of stat: starttime
                        return Optional.of(Instant.ofEpochMilli(bootSeconds * 1000 + startTicks * 1000 / ticks));
                    }
                } catch (IOException | RuntimeException e) {
                    // a process that exited while we looked
                }
            }
        }
        return Optional.empty();
    }

    private static long bootTime() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IOException("no btime in /proc/stat");
    }
}
