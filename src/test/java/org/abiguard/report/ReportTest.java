package org.abiguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Domain;

/**
 * The report on a real archive with drift, where a domain's title and metadata hold {@code <script>}:
 * structure, escaping, self-containment, and each format.
 */
class ReportTest {
    private static final String HOSTILE = "<script>alert('owned')</script>";
    private static TestDatabase db;
    private static TestGuests guests;
    private static Cli cli;
    private static String uuid;

    @BeforeAll
    static void archiveWithDrift() throws Exception {
        db = TestDatabase.create("report");
        guests = TestGuests.create("report");
        cli = Cli.on(db, "hv-report");
        Path root = guests.disk("hostile-root");
        Path second = guests.disk("hostile-cfg");
        String name = guests.name("hostile");
        String xml = TestGuests.standardXml(name, root, second);
        Domain domain = guests.define(xml);
        uuid = domain.getUUIDString();
        assertEquals(0, cli.run("snapshot").exitCode());
        // The definition changes: a title and metadata with markup, the chipset pinned to an older version, and
        // the clock offset (which libvirt's check lets through).
        guests.define(xml.replace("<name>", "<uuid>" + uuid + "</uuid><name>")
                .replace("<memory", "<title>" + TestGuests.escape(HOSTILE) + "</title><metadata><x:n xmlns:x='urn:t'>"
                        + TestGuests.escape(HOSTILE) + "</x:n></metadata><memory")
                .replace("machine='pc'", "machine='pc-i440fx-6.2'")
                .replace("</features>", "</features><clock offset='localtime'/>"));
        assertEquals(0, cli.run("snapshot").exitCode());
    }

    @AfterAll
    static void tearDown() {
        guests.close();
        db.close();
    }

    @Test
    void htmlIsOneSelfContainedPageWithEveryPart() {
        Cli.Result result = cli.run("report");
        assertEquals(0, result.exitCode(), result::toString);
        String html = result.stdout();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<style>"), "inline CSS");
        assertTrue(html.contains("<meta name=\"viewport\""), "narrow screens");
        assertTrue(html.contains("@media print"), "printable");
        assertFalse(html.toLowerCase().contains("<script"), "no script at all");
        assertFalse(html.contains("<link"), "no external stylesheet");
        assertFalse(html.matches("(?s).*(src|href)=[\"']?https?:.*"), "no asset from any network");
        assertFalse(html.contains("url("), "no CSS fetches");
        assertTrue(html.contains("machine-type"), "the finding's category");
        assertTrue(html.contains("pc-i440fx-6.2"), "before -> after");
        assertTrue(html.contains("abiguard accept " + uuid), "the command to accept");
        assertTrue(html.contains("abiguard show " + uuid), "the command to look closer");
        assertTrue(html.contains("<svg"), "the timeline");
        assertTrue(html.contains("class=\"excerpt\""), "the side-by-side excerpt");
        assertTrue(html.contains("hv-report"), "the host in the summary");
    }

    @Test
    void markupFromLibvirtXmlIsShownAsText() {
        String html = cli.run("report").stdout();
        assertTrue(html.contains("&lt;script&gt;alert("), "the title is visible as text");
        assertFalse(html.contains(HOSTILE));
    }

    @Test
    void markdownEscapesNamesAndJsonCarriesTheData() throws Exception {
        Cli.Result md = cli.run("report", "--format", "md");
        Cli.Result json = cli.run("report", "--format", "json");

        assertEquals(0, md.exitCode(), md::toString);
        assertTrue(md.stdout().startsWith("# abiguard drift report"));
        assertFalse(md.stdout().contains("<script>"), md.stdout());
        JsonNode data = new ObjectMapper().readTree(json.stdout());
        assertEquals(1, data.get("domains_with_drift").asInt());
        assertEquals(uuid, data.at("/domains/0/uuid").asText());
        assertEquals("machine-type", data.at("/domains/0/comparisons/0/devices/0/findings/0/category").asText());
    }

    @Test
    void findingsBeyondLibvirtsCheckSaySo() {
        String html = cli.run("report").stdout();
        assertTrue(html.contains("libvirt's check does not cover this: the guest&#39;s RTC starts at another time"), html);
        String md = cli.run("report", "--format", "md").stdout();
        assertTrue(md.contains("libvirt's check does not cover this:") && md.contains("RTC starts at another time"), md);
        Cli.Result drift = cli.run("drift");
        assertTrue(drift.stdout().contains("libvirt's check does not cover this: the guest's RTC starts"), drift.stdout());
    }

    @Test
    void outWritesTheFileAtomically(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/report.html");
        Cli.Result result = cli.run("report", "--out", out.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertTrue(Files.readString(out).contains("abiguard drift report"));
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
