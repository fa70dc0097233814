package org.abiguard.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abiguard.libvirt.DomainCapabilitiesReader;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * preflight on the real libvirtd: four guest shapes archived as hv-a, judged against this host's own archived
 * capabilities and against crafted ones (a QEMU without the guests' machine type, an alias pointing to a newer
 * version, a host CPU without a feature a guest requires, another host-model CPU); and restore refuses exactly
 * the guests preflight calls blocked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreflightTest {
    private static TestDatabase db;
    private static TestGuests guests;
    private static Cli hvA;
    private static String capabilities;
    private static String domainCapabilities;
    @TempDir
    static Path dir;

    @BeforeAll
    static void archive() throws Exception {
        db = TestDatabase.create("preflight");
        guests = TestGuests.create("preflight");
        hvA = Cli.on(db, "hv-a").with("ABIGUARD_STATE_DIR", dir.resolve("state").toString());
        define("pc", "");
        define("feature", "<cpu mode='custom' match='exact'><model>qemu64</model>"
                + "<feature policy='require' name='pdpe1gb'/></cpu>");
        define("hostmodel", "<cpu mode='host-model'/>");
        guests.define(TestGuests.standardXml(guests.name("q35"), guests.disk("q35-root"), guests.disk("q35-cfg"))
                .replace("machine='pc'", "machine='q35'"));
        Cli.Result snapshot = hvA.run("snapshot");
        assertEquals(0, snapshot.exitCode(), snapshot::toString);
        assertEquals(1, db.queryLong("select count(*) from host_capabilities where jsonb_exists(domain_capabilities, 'qemu')"),
                "the pass archived the capabilities and the qemu domain capabilities");
        assertEquals(0, hvA.run("snapshot").exitCode());
        assertEquals(1, db.queryLong("select count(*) from host_capabilities"), "recorded only when they change");
        // The libvirtd is shared: other guests on it are not this test's to judge.
        db.jdbi().useHandle(h -> h.execute("update domains set gone_since = now() where name not like ?", guests.name("") + "%"));
        capabilities = guests.connection().connect().getCapabilities();
        domainCapabilities = DomainCapabilitiesReader.read(guests.connection(), "qemu").orElseThrow();
    }

    private static void define(String suffix, String cpu) {
        guests.define(TestGuests.standardXml(guests.name(suffix), guests.disk(suffix + "-root"), guests.disk(suffix + "-cfg"))
                .replace("<features>", cpu + "<features>"));
    }

    @AfterAll
    static void tearDown() {
        guests.close();
        db.close();
    }

    /** Verdict per guest of this test (by suffix), from preflight's JSON; and its exit code. */
    private static Map<String, String> verdicts(Cli.Result result) {
        Map<String, String> verdicts = new TreeMap<>();
        Matcher m = Pattern.compile("\"name\" : \"" + Pattern.quote(guests.name("")) + "([a-z0-9]+)\"[^}]*}[^}]*?\"verdict\" : \"([a-z-]+)\"")
                .matcher(result.stdout());
        while (m.find()) {
            verdicts.put(m.group(1), m.group(2));
        }
        return verdicts;
    }

    private static Cli.Result preflightWith(String caps, String domcaps) throws Exception {
        Path capsFile = Files.writeString(Files.createTempFile(dir, "caps", ".xml"), caps);
        Path domcapsFile = Files.writeString(Files.createTempFile(dir, "domcaps", ".xml"), domcaps);
        return hvA.run("preflight", "--host", "hv-a", "--capabilities", capsFile.toString(), "--domcapabilities",
                domcapsFile.toString(), "--format", "json");
    }

    private static String hostModelSection(String domcaps) {
        Matcher m = Pattern.compile("<mode name='host-model' supported='yes'>.*?</mode>", Pattern.DOTALL).matcher(domcaps);
        assertTrue(m.find(), "this host's domain capabilities have a host-model");
        return m.group();
    }

    @Test
    void againstThisHostsOwnArchivedCapabilitiesEveryGuestIsSafe() {
        Cli.Result result = hvA.run("preflight", "--target", "hv-a", "--format", "json");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(Map.of("feature", "safe", "hostmodel", "safe", "pc", "safe", "q35", "safe"), verdicts(result), result.stdout());
        Cli.Result text = hvA.run("preflight", "--target", "hv-a");
        assertTrue(text.stdout().contains("blocked (0)") && text.stdout().contains("safe ("), text::toString);
    }

    @Test
    void aQemuWithoutTheGuestsMachineTypeBlocksThem() throws Exception {
        String machine = Pattern.compile("canonical='(pc-i440fx-[0-9.]+)'").matcher(capabilities).results().findFirst()
                .orElseThrow().group(1);
        String withoutIt = capabilities.replace(">" + machine + "<", ">pc-i440fx-99.0<")
                .replace("canonical='" + machine + "'", "canonical='pc-i440fx-99.0'");
        Cli.Result result = preflightWith(withoutIt, domainCapabilities);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(Map.of("feature", "blocked", "hostmodel", "blocked", "pc", "blocked", "q35", "safe"), verdicts(result),
                result.stdout());
        assertTrue(result.stdout().contains(machine + " is not offered by the target's QEMU"), result.stdout());
        assertTrue(result.stdout().contains("\"blocked\" : 3"), result.stdout());
    }

    @Test
    void anAliasPointingToANewerVersionChangesRegeneratedGuests() throws Exception {
        String machine = Pattern.compile("canonical='(pc-i440fx-[0-9.]+)'").matcher(capabilities).results().findFirst()
                .orElseThrow().group(1);
        String newer = capabilities.replace("canonical='" + machine + "'", "canonical='pc-i440fx-99.2'");
        Cli.Result result = preflightWith(newer, domainCapabilities);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(Map.of("feature", "changes-if-regenerated", "hostmodel", "changes-if-regenerated",
                "pc", "changes-if-regenerated", "q35", "safe"), verdicts(result), result.stdout());
        assertTrue(result.stdout().contains("\"category\" : \"machine-type\"") && result.stdout().contains("\"before\" : \""
                + machine + "\"") && result.stdout().contains("\"after\" : \"pc-i440fx-99.2\""), result.stdout());
    }

    @Test
    void aHostCpuWithoutARequiredFeatureBlocksTheGuestThatRequiresIt() throws Exception {
        String section = hostModelSection(domainCapabilities);
        String lacking = domainCapabilities.replace(section,
                section.replace("</mode>", "<feature policy='disable' name='pdpe1gb'/></mode>"));
        Cli.Result result = preflightWith(capabilities, lacking);
        assertEquals(1, result.exitCode(), result::toString);
        // The host-model guest would get that feature disabled: another CPU if regenerated.
        assertEquals(Map.of("feature", "blocked", "hostmodel", "changes-if-regenerated", "pc", "safe", "q35", "safe"),
                verdicts(result), result.stdout());
        assertTrue(result.stdout().contains("the guest requires CPU feature pdpe1gb, which the target's CPU lacks"), result.stdout());
        assertTrue(result.stdout().contains("\"after\" : \"disable pdpe1gb\""), result.stdout());
    }

    @Test
    void anotherHostModelChangesTheHostModelGuest() throws Exception {
        String section = hostModelSection(domainCapabilities);
        String model = Pattern.compile("<model[^>]*>([^<]+)</model>").matcher(section).results().findFirst().orElseThrow().group(1);
        String other = model.equals("Skylake-Client") ? "EPYC" : "Skylake-Client";
        Cli.Result result = preflightWith(capabilities, domainCapabilities.replace(section,
                section.replace(">" + model + "</model>", ">" + other + "</model>")));
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(Map.of("feature", "safe", "hostmodel", "changes-if-regenerated", "pc", "safe", "q35", "safe"),
                verdicts(result), result.stdout());
        assertTrue(result.stdout().contains("\"category\" : \"cpu-model\"") && result.stdout().contains("\"before\" : \""
                + model + "\"") && result.stdout().contains("\"after\" : \"" + other + "\""), result.stdout());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Cli.Result unknownHost = hvA.run("preflight", "--target", "hv-nowhere");
        assertEquals(2, unknownHost.exitCode(), unknownHost::toString);
        assertTrue(unknownHost.stderr().contains("no capabilities archived for host 'hv-nowhere'"), unknownHost::toString);
        Path notCaps = Files.writeString(dir.resolve("not-caps.xml"), "<domain/>");
        Cli.Result wrongFile = hvA.run("preflight", "--capabilities", notCaps.toString(), "--domcapabilities", notCaps.toString());
        assertEquals(2, wrongFile.exitCode(), wrongFile::toString);
        assertEquals(1, wrongFile.stderrLines().size(), wrongFile::toString);
        assertEquals(2, hvA.run("preflight", "--target", "hv-a", "--capabilities", notCaps.toString()).exitCode());
        // The two files swapped: refused, never judged as "a QEMU without any machine type".
        Path domcaps = Files.writeString(dir.resolve("real-domcaps.xml"), domainCapabilities);
        Path caps = Files.writeString(dir.resolve("real-caps.xml"), capabilities);
        Cli.Result swapped = hvA.run("preflight", "--host", "hv-a", "--capabilities", domcaps.toString(),
                "--domcapabilities", caps.toString());
        assertEquals(2, swapped.exitCode(), swapped::toString);
        Cli.Result capsAsCaps = hvA.run("preflight", "--host", "hv-a", "--capabilities", domcaps.toString(),
                "--domcapabilities", domcaps.toString());
        assertEquals(2, capsAsCaps.exitCode(), capsAsCaps::toString);
        assertTrue(capsAsCaps.stderr().contains("is not the output of virsh capabilities"), capsAsCaps::toString);
    }

    @Test
    void theReportSaysWhatAnUpgradeToTheNewestQemuInTheFleetWouldDo() {
        // hv-new runs a newer QEMU whose capabilities lack the guests' i440fx version.
        String machine = Pattern.compile("canonical='(pc-i440fx-[0-9.]+)'").matcher(capabilities).results().findFirst()
                .orElseThrow().group(1);
        String newer = capabilities.replace(">" + machine + "<", ">pc-i440fx-99.0<")
                .replace("canonical='" + machine + "'", "canonical='pc-i440fx-99.0'");
        db.jdbi().useHandle(h -> {
            long id = h.createQuery("insert into hosts (name) values ('hv-new') returning id").mapTo(Long.class).one();
            h.execute("insert into host_facts (host_id, facts_sha256, libvirt_uri, libvirt_version, hypervisor_type, "
                    + "hypervisor_version) values (?, 'x', 'qemu:///system', '99.0.0', 'QEMU', '99.0.0')", id);
            h.execute("insert into host_capabilities (host_id, observed_at, sha256, capabilities, domain_capabilities) "
                    + "values (?, now(), 'x', ?, jsonb_build_object('qemu', ?::text))", id, newer, domainCapabilities);
        });
        Cli.Result report = hvA.run("report", "--format", "md");
        assertEquals(0, report.exitCode(), report::toString);
        assertTrue(report.stdout().contains("## If a host is upgraded to the newest QEMU in the fleet"), report.stdout());
        Matcher line = Pattern.compile("\\| hv-a \\| QEMU 99\\.0\\.0 \\(as on hv-new\\) \\| 3 \\| 0 \\| 1 \\| ([^|]*) \\|")
                .matcher(report.stdout());
        assertTrue(line.find(), report.stdout());
        for (String blocked : new String[] {"pc", "feature", "hostmodel"}) {
            assertTrue(line.group(1).contains(guests.name(blocked).replace("-", "\\-")) || line.group(1).contains(guests.name(blocked)),
                    line.group(1));
        }
        db.jdbi().useHandle(h -> {
            h.execute("delete from host_capabilities where host_id = (select id from hosts where name = 'hv-new')");
            h.execute("delete from host_facts where host_id = (select id from hosts where name = 'hv-new')");
            h.execute("delete from hosts where name = 'hv-new'");
        });
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it changes the archive and undefines the guests
    void restoreRefusesExactlyTheBlockedGuests() throws Exception {
        // One guest as a host with a newer QEMU archived it: a machine type this host's QEMU lacks.
        db.jdbi().useHandle(h -> h.execute("""
                insert into domain_versions (domain_id, version, kind, sha256, xml, first_seen, host_id, pass_id)
                select v.domain_id, 90, 'inactive', 'newer-qemu', replace(v.xml, 'pc-q35-', 'pc-q35-99.0-was-'),
                       now(), v.host_id, v.pass_id from domain_versions v join domains d on d.id = v.domain_id
                where d.name = ? and v.kind = 'inactive' order by v.version desc limit 1""", guests.name("q35")));
        Cli.Result preflight = hvA.run("preflight", "--target", "hv-a", "--format", "json");
        assertEquals(1, preflight.exitCode(), preflight::toString);
        Set<String> blocked = new TreeSet<>();
        verdicts(preflight).forEach((guest, verdict) -> {
            if (verdict.equals("blocked")) {
                blocked.add(guest);
            }
        });
        assertEquals(Set.of("q35"), blocked, preflight.stdout());

        assertEquals(0, hvA.run("host", "mark-down", "hv-a", "--reason", "preflight drill").exitCode());
        Set<String> refused = new TreeSet<>();
        for (String suffix : new String[] {"pc", "feature", "hostmodel", "q35"}) {
            guests.lookup(guests.name(suffix)).undefine();
            Cli.Result restore = hvA.run("restore", guests.name(suffix), "--evacuate", "--from-host", "hv-a", "--dry-run");
            if (restore.exitCode() != 0) {
                refused.add(suffix);
                assertTrue(restore.stdout().contains("[FAIL] machine-type: pc-q35-99.0-was-"), restore::toString);
            }
        }
        assertEquals(blocked, refused, "restore refuses exactly the guests preflight calls blocked");
    }
}
