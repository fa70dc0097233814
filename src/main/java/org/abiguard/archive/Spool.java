package org.abiguard.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.abiguard.AbiguardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes that could not reach the database, kept under {@code STATE_DIR/spool} until it answers.
 * Each file is written to a temporary name, fsync'd, renamed and its directory fsync'd, so a crash
 * leaves a whole file or none. Files replay oldest first; a replayed observation whose id the
 * archive already has is skipped (see V5), so replay is idempotent. Bounded: at most
 * {@link #MAX_FILES} files (five days of 15-minute passes) and {@link #MAX_BYTES}; a warning from 80%,
 * and a full spool refuses the pass with an error rather than dropping older history.
 * Not thread-safe: one process per state directory writes it.
 */
public final class Spool {
    public static final int MAX_FILES = 500;
    public static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path dir;
    private final int maxFiles;

    public Spool(Path stateDir) {
        this(stateDir, MAX_FILES);
    }

    Spool(Path stateDir, int maxFiles) {
        this.dir = stateDir.resolve("spool");
        this.maxFiles = maxFiles;
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
            Path target = dir.resolve(String.format("%013d-%s.json", observation.startedAt().toEpochMilli(),
                    observation.id()));
            Path temp = dir.resolve("." + target.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(json));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
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
     * Writes every spooled pass with {@code write}, oldest first, deleting each file after its
     * transaction committed. Stops at the first failure, keeping order. Returns how many were replayed.
     */
    public int replay(Function<HostObservation, PassSummary> write) {
        int replayed = 0;
        for (Path file : pending()) {
            HostObservation observation;
            try {
                observation = MAPPER.readValue(file.toFile(), SpooledPass.class).observation();
            } catch (IOException e) {
                throw new AbiguardException("spooled pass " + file + " is unreadable: " + e.getMessage()
                        + " (move it aside to continue)", e);
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
}
