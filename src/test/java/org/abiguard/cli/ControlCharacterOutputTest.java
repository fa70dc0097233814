package org.abiguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Domain;

/**
 * C1 control characters are valid XML 1.0 (a title holding {@code &#x9b;} is a terminal's CSI): compare's and
 * drift's text and the Markdown report show them as {@code \xNN}, never raw; the HTML report carries a
 * Content-Security-Policy.
 */
class ControlCharacterOutputTest {
    private static final String CSI = "\u009b";

    @Test
    void controlCharactersNeverReachTheTerminalOrMarkdown(@TempDir Path dir) throws Exception {
        String base = "<domain type='qemu'><name>c1</name><title>plain</title><memory unit='KiB'>65536</memory>"
                + "<os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os></domain>";
        Path a = Files.writeString(dir.resolve("a.xml"), base);
        Path b = Files.writeString(dir.resolve("b.xml"), base.replace("plain", "&#x9b;31mred&#x85;"));
        Cli.Result compare = new Cli(java.util.Map.of()).run("compare", a.toString(), b.toString());
        assertTrue(compare.stdout().contains("\\x9b31mred\\x85"), compare.stdout());
        assertFalse(compare.stdout().contains(CSI));

        try (TestDatabase db = TestDatabase.create("c1"); TestGuests guests = TestGuests.create("c1")) {
            Domain g = guests.defineStandard("g");
            Cli cli = Cli.on(db, "hv-c1");
            cli.run("snapshot");
            guests.define(g.getXMLDesc(2).replace("<memory", "<title>&#x9b;31mred</title><memory"));
            cli.run("snapshot");
            Cli.Result drift = cli.run("drift");
            assertTrue(drift.stdout().contains("\\x9b31mred") && !drift.stdout().contains(CSI), drift.stdout());
            String md = cli.run("report", "--format", "md").stdout();
            assertTrue(md.contains("\\\\x9b31mred") || md.contains("\\x9b31mred"), md);
            assertFalse(md.contains(CSI));
            assertTrue(cli.run("report").stdout().contains("Content-Security-Policy"));
        }
    }

    /**
     * An archived name carrying ESC (a host login writes its own rows: it can store any name) is escaped in the
     * history header and in a refusal on stderr (issue 20, item 9).
     */
    @Test
    void anArchivedNameWithEscIsEscapedInHeadersAndRefusals() throws Exception {
        try (TestDatabase db = TestDatabase.create("esc"); TestGuests guests = TestGuests.create("esc")) {
            String uuid = guests.defineStandard("g").getUUIDString();
            Cli cli = Cli.on(db, "hv-esc");
            assertEquals(0, cli.run("snapshot").exitCode());
            db.jdbi().useHandle(h -> h.execute("update domains set name = E'evil\\x1b[2Jname' where uuid = '" + uuid + "'"));
            Cli.Result history = cli.run("history", uuid);
            assertEquals(0, history.exitCode(), history::toString);
            assertTrue(history.stdout().contains("evil\\x1b[2Jname") && !history.stdout().contains("\u001b"),
                    history.stdout());
            Cli other = Cli.on(db, "hv-down").with("ABIGUARD_LIBVIRT_URI", "test:///default");
            assertEquals(0, other.run("snapshot").exitCode());
            assertEquals(0, cli.run("host", "mark-down", "hv-down", "--reason", "test").exitCode());
            // Refused with the domain's name in the message: it was archived on hv-esc, not on hv-down.
            Cli.Result refused = cli.run("restore", uuid, "--evacuate", "--from-host", "hv-down", "--yes");
            assertEquals(2, refused.exitCode(), refused::toString);
            assertFalse(refused.stderr().contains("\u001b"), refused.stderr());
            assertTrue(refused.stderr().contains("\\x1b"), refused.stderr());
        }
    }
}
