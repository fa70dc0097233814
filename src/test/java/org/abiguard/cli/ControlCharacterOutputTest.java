package org.abiguard.cli;

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
}
