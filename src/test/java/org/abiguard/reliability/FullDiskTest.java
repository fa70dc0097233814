package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.abiguard.AbiguardException;
import org.abiguard.archive.AtomicFiles;
import org.abiguard.testing.Cli;
import org.abiguard.testing.SmallDisk;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the state directory (a real 1 MiB tmpfs): a pass that cannot be spooled whole is an
 * error with nothing half-written, never a truncated spool entry that blocks every later pass; a report
 * that cannot be written leaves the previous one intact and no temporary file.
 */
class FullDiskTest {
    @TempDir
    Path dir;

    @Test
    void aSpoolEntryIsWholeOrAbsentAndTheNextPassStillWorks() throws Exception {
        try (TestDatabase db = TestDatabase.create("fulldisk"); TestGuests guests = TestGuests.create("fulldisk");
             SmallDisk disk = SmallDisk.mount(dir.resolve("state"), 1024 * 1024)) {
            for (int i = 0; i < 3; i++) {
                guests.defineStandard("g" + i);
            }
            Cli cli = Cli.on(db, "hv-full").with("ABIGUARD_STATE_DIR", disk.path().toString());
            Path filler = disk.fillLeaving(4096);

            Cli.Result away = cli.with("ABIGUARD_DB_URL", "jdbc:postgresql://127.0.0.1:1/abiguard").run("snapshot");
            assertEquals(2, away.exitCode(), away::toString);
            assertTrue(away.stderr().contains("No space left on device"), away::toString);
            assertEquals(List.of(), files(disk.path().resolve("spool")), "no entry and no temporary file");

            Files.delete(filler);
            Cli.Result back = cli.run("snapshot");
            assertEquals(0, back.exitCode(), "a later pass is not blocked: " + back);
            assertEquals(1, db.queryLong("select count(*) from passes"));
        }
    }

    @Test
    void aReportThatDoesNotFitLeavesThePreviousOneIntact() throws Exception {
        try (TestDatabase db = TestDatabase.create("fullreport"); SmallDisk disk = SmallDisk.mount(dir.resolve("out"),
                1024 * 1024)) {
            Cli cli = Cli.on(db, "hv-full");
            assertEquals(0, cli.run("migrate").exitCode());
            Path report = disk.path().resolve("report.html");
            assertEquals(0, cli.run("report", "--out", report.toString()).exitCode());
            String previous = Files.readString(report);
            disk.fillLeaving(0);

            Cli.Result full = cli.run("report", "--out", report.toString());
            assertEquals(2, full.exitCode(), full::toString);
            assertEquals(1, full.stderrLines().size(), full::toString);
            assertEquals(previous, Files.readString(report));
            assertEquals(List.of("filler", "report.html"), files(disk.path()));
        }
    }

    /** A write that only partly fits (the kernel accepts the first pages, then ENOSPC) is an error, not a short file. */
    @Test
    void aShortWriteIsAnErrorAndLeavesNothing() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("short"), 1024 * 1024)) {
            Path target = disk.path().resolve("latest.html");
            Files.writeString(target, "previous");
            disk.fillLeaving(3 * 4096);
            String big = "x".repeat(256 * 1024);

            AbiguardException error = assertThrows(AbiguardException.class,
                    () -> AtomicFiles.write(target, big, AtomicFiles.GROUP_READABLE));
            assertTrue(error.getMessage().contains("No space left on device"), error.getMessage());
            assertEquals("previous", Files.readString(target));
            assertEquals(List.of("filler", "latest.html"), files(disk.path()));
        }
    }

    private static List<String> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock")).sorted().toList();
        }
    }
}
