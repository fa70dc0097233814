package org.abiguard.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.abiguard.AbiguardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes that could not reach the database, kept under {@code STATE_DIR/spool} until it answers.
 * Each entry is written whole or not at all ({@link AtomicFiles}: every byte, size checked, fsync, rename),
 * owner-only. Entries replay oldest first, by one replayer at a time ({@link SpoolLock}, across processes and
 * threads); a replayed observation whose id the archive already has is skipped (see V5), so replay is
 * idempotent. An entry that cannot be read is moved to {@code spool/quarantine} with an error naming it, and
 * the rest replay. Bounded: at most {@link #MAX_FILES} files (five days of 15-minute passes) and
 * {@link #MAX_BYTES}; a warning from 80%, and a full spool refuses the pass with an error rather than
 * dropping older history. Thread-safe through {@link SpoolLock}.
 */
public final class Spool {
    public static final int MAX_FILES = 500;
    public static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path dir;
    private final int maxFiles;
    private final java.util.concurrent.atomic.AtomicInteger quarantined = new java.util.concurrent.atomic.AtomicInteger();

    public Spool(Path stateDir) {
        this(stateDir, MAX_FILES);
    }

    Spool(Path stateDir, int maxFiles) {
        this.dir = stateDir.resolve("spool");
        this.maxFiles = maxFiles;
    }

    /** Holds the spool for one replayer or writer until closed; blocks while another holds it. */
    public SpoolLock lock() {
        return SpoolLock.acquire(dir);
    }

    /** Stores {@code observation} durably; returns the file. */
    public Path add(HostObservation observation) {
        try {
            Files.createDirectories(dir);
            List<Path> pending = pending();
            long bytes = 0;
            for (Path p : pending) {
                bytes += Files.size(p);
            }
            if (pending.size() >= maxFiles || bytes >= MAX_BYTES) {
                throw new AbiguardException("spool " + dir + " is full (" + pending.size() + " passes, " + bytes
                        + " bytes): this pass is not archived; bring the database back to drain it");
            }
            if (pending.size() + 1 >= maxFiles * 0.8) {
                log.warn("spool {} is {}% full: {} passes wait for the database", dir,
                        (pending.size() + 1) * 100 / maxFiles, pending.size() + 1);
            }
            byte[] json = MAPPER.writeValueAsBytes(SpooledPass.of(observation));
            Path target = dir.resolve(String.format(java.util.Locale.ROOT, "%013d-%s.json",
                    observation.startedAt().toEpochMilli(), observation.id()));
            AtomicFiles.write(target, json, AtomicFiles.PRIVATE);
            return target;
        } catch (IOException e) {
            throw new AbiguardException("cannot write to the spool " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Spooled passes, oldest first. */
    public List<Path> pending() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new AbiguardException("cannot list the spool " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes every spooled pass with {@code write}, oldest first, deleting each file after its transaction
     * committed; quarantines unreadable entries. Stops at the first write failure, keeping order. The caller
     * holds {@link #lock()}. Returns how many were replayed.
     */
    public int replay(Function<HostObservation, PassSummary> write) {
        int replayed = 0;
        for (Path file : pending()) {
            HostObservation observation;
            try {
                observation = MAPPER.readValue(file.toFile(), SpooledPass.class).observation();
            } catch (IOException | RuntimeException e) {
                quarantine(file, e);
                continue;
            }
            PassSummary written = write.apply(observation);
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new AbiguardException("cannot remove replayed " + file + ": " + e.getMessage(), e);
            }
            log.info("replayed spooled pass {} of {}{}", observation.id(), observation.startedAt(),
                    written == null ? " (already archived)" : "");
            replayed++;
        }
        return replayed;
    }

    /** Entries this instance moved to {@code spool/quarantine}. */
    public int quarantined() {
        return quarantined.get();
    }

    private void quarantine(Path file, Exception cause) {
        Path quarantine = dir.resolve("quarantine");
        try {
            Files.createDirectories(quarantine);
            Files.move(file, quarantine.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            quarantined.incrementAndGet();
            log.error("spooled pass {} is unreadable ({}); moved to {} and skipped, the other passes replay",
                    file.getFileName(), AbiguardException.oneLine(cause.getMessage()), quarantine);
        } catch (IOException e) {
            throw new AbiguardException("spooled pass " + file + " is unreadable and cannot be moved aside: "
                    + e.getMessage(), e);
        }
    }
}
