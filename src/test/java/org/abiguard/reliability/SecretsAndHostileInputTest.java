package org.abiguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.abiguard.cli.ExitCodes;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.Virsh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets stay secret; hostile documents are refused in bounded time and memory. */
class SecretsAndHostileInputTest {
    @TempDir
    Path dir;

    @Test
    void helpNeverShowsThePassword() {
        Cli cli = new Cli(Map.of("ABIGUARD_DB_PASSWORD", "pw-from-env-1234"));
        for (String[] args : new String[][] {{"--help"}, {"snapshot", "--help"}, {"restore", "--help"}}) {
            Cli.Result help = cli.run(args);
            assertEquals(0, help.exitCode());
            assertFalse(help.stdout().contains("pw-from-env-1234"), String.join(" ", args));
        }
    }

    @Test
    void configFileWithAPasswordReadableByOthersDrawsAWarning() throws Exception {
        Path conf = dir.resolve("abiguard.conf");
        Files.writeString(conf, "db-password=file-secret-5678\ndb-url=jdbc:postgresql://127.0.0.1:1/x\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        PrintStream original = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Cli.Result result;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            result = new Cli(Map.of()).run("host", "list", "--config", conf.toString());
        } finally {
            System.setErr(original);
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("holds db-password and is readable by other users"), log);
        assertEquals(ExitCodes.ERROR, result.exitCode(), "the database is unreachable");
        assertFalse(result.stderr().contains("file-secret-5678") || log.contains("file-secret-5678"));
    }

    @Test
    void consolePasswordsAreNeverArchived() throws Exception {
        try (TestDatabase db = TestDatabase.create("secrets"); TestGuests guests = TestGuests.create("secrets")) {
            Path root = guests.disk("root");
            guests.define(TestGuests.standardXml(guests.name("vnc"), root, guests.disk("cfg"))
                    .replace("<graphics type='vnc' autoport='yes'/>",
                            "<graphics type='vnc' autoport='yes' passwd='s3cr3t9x'/>"));
            assertTrue(Virsh.ok("dumpxml", "--inactive", "--security-info", guests.name("vnc")).contains("s3cr3t9x"),
                    "libvirt has the password (with SECURE)");
            assertEquals(0, Cli.on(db, "hv-secrets").run("snapshot").exitCode());
            assertEquals(0, db.queryLong("select count(*) from domain_versions where xml like '%s3cr3t9x%'"));
        }
    }

    @Test
    void fiftyMebibyteDocumentIsRefusedQuickly() throws Exception {
        Path base = Files.writeString(dir.resolve("base.xml"), "<domain type='qemu'><name>a</name></domain>");
        Path huge = dir.resolve("huge.xml");
        try (var out = Files.newBufferedWriter(huge)) {
            out.write("<domain type='qemu'><name>a</name><metadata>");
            String chunk = "<x:b xmlns:x='urn:t'>" + "y".repeat(1000) + "</x:b>";
            for (int i = 0; i < 50 * 1024; i++) {
                out.write(chunk);
            }
            out.write("</metadata></domain>");
        }
        long start = System.nanoTime();
        Cli.Result result = new Cli(Map.of()).run("compare", base.toString(), huge.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertTrue(result.stderr().contains("over the limit"), result::toString);
        assertTrue(millis < 5_000, "refused before reading it: " + millis + " ms");
    }

    @Test
    void billionLaughsIsRefusedBeforeExpansion() throws Exception {
        StringBuilder bomb = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i <= 9; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("'>");
        }
        bomb.append("]><domain><name>&lol9;</name></domain>");
        Path base = Files.writeString(dir.resolve("b.xml"), "<domain type='qemu'><name>a</name></domain>");
        Path file = Files.writeString(dir.resolve("bomb.xml"), bomb);
        Cli.Result result = new Cli(Map.of()).run("compare", base.toString(), file.toString());
        assertEquals(ExitCodes.ERROR, result.exitCode());
        assertTrue(result.stderr().contains("uses a DTD"), result::toString);
    }
}
