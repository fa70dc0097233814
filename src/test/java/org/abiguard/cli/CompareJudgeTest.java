package org.abiguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.XmlEdit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare asks the local libvirt (qemu:///system) and says who judged; libvirt overrules the rules both ways. */
class CompareJudgeTest {
    private static TestGuests guests;
    private static String base;

    @TempDir
    Path dir;

    @BeforeAll
    static void defineGuest() throws Exception {
        guests = TestGuests.create("cmpjudge");
        base = guests.defineStandard("a").getXMLDesc(2);
    }

    @AfterAll
    static void cleanUp() {
        guests.close();
    }

    private Cli cli(String uri) {
        return new Cli(Map.of("ABIGUARD_LIBVIRT_URI", uri, "ABIGUARD_STATE_DIR", dir.resolve("state").toString()));
    }

    private Cli.Result compare(Cli cli, String current, String... options) throws Exception {
        Path b = Files.writeString(dir.resolve("base.xml"), base);
        Path c = Files.writeString(dir.resolve("current.xml"), current);
        String[] args = new String[3 + options.length];
        args[0] = "compare";
        args[1] = b.toString();
        args[2] = c.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return cli.run(args);
    }

    private static JsonNode json(Cli.Result result) throws Exception {
        return new ObjectMapper().readTree(result.stdout());
    }

    private static String libvirtJudge() {
        return org.abiguard.testing.Virsh.libvirtJudge();
    }

    @Test
    void aRefusalComesWithLibvirtsWordsOnTheFinding() throws Exception {
        String moved = XmlEdit.apply(base, e -> e.set("/domain/devices/memballoon/address", "slot", "0x09"));
        Cli.Result result = compare(cli(TestGuests.URI), moved, "--format", "json");
        assertEquals(ExitCodes.DRIFT, result.exitCode(), result::toString);
        JsonNode out = json(result);
        assertEquals("refused", out.at("/verdict/outcome").asText());
        assertEquals(libvirtJudge(), out.at("/verdict/judge").asText());
        JsonNode finding = out.at("/findings/0");
        assertEquals("device-address", finding.at("/category").asText());
        assertEquals(libvirtJudge(), finding.at("/judge").asText());
        assertTrue(finding.at("/libvirt_message").asText().contains("does not match source"), result::toString);
    }

    @Test
    void aRenameTheRulesDoNotCallAbiIsStillAFindingWhenLibvirtRefusesIt() throws Exception {
        String renamed = XmlEdit.apply(base, e -> e.text("/domain/name", guests.name("renamed")));
        Cli.Result result = compare(cli(TestGuests.URI), renamed, "--format", "json");
        assertEquals(ExitCodes.DRIFT, result.exitCode(), result::toString);
        JsonNode findings = json(result).at("/findings");
        assertTrue(StreamSupport.stream(findings.spliterator(), false).anyMatch(f -> f.at("/libvirt_abi").asBoolean()
                && f.at("/libvirt_message").asText().contains("domain name")), result::toString);
    }

    @Test
    void aChangeLibvirtAcceptsIsNeverLibvirtAbiWhateverTheRulesThought() throws Exception {
        // Re-spellings and a moved disk source: libvirt takes them as one guest ABI.
        String respelled = XmlEdit.apply(base, e -> e.kibToMib("/domain/memory").set("/domain/devices/disk[1]/source",
                "file", "/var/lib/libvirt/images/elsewhere.img"));
        Cli.Result result = compare(cli(TestGuests.URI), respelled, "--format", "json");
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        JsonNode out = json(result);
        assertEquals("accepted", out.at("/verdict/outcome").asText());
        for (JsonNode f : out.at("/findings")) {
            assertFalse(f.at("/libvirt_abi").asBoolean(), result::toString);
            assertEquals(libvirtJudge(), f.at("/judge").asText());
        }
    }

    @Test
    void theRulesJudgeWhenAskedToOrWhenLibvirtCannotBeAsked() throws Exception {
        String moved = XmlEdit.apply(base, e -> e.set("/domain/devices/memballoon/address", "slot", "0x09"));
        Cli.Result rules = compare(cli(TestGuests.URI), moved, "--judge", "rules", "--format", "json");
        assertEquals(ExitCodes.DRIFT, rules.exitCode(), rules::toString);
        assertEquals("rules", json(rules).at("/verdict/judge").asText());
        assertEquals("rules", json(rules).at("/findings/0/judge").asText());

        Cli.Result auto = compare(cli("test:///default"), moved);
        assertEquals(ExitCodes.DRIFT, auto.exitCode(), auto::toString);
        assertTrue(auto.stdout().contains("judged by the rules: libvirt at test:///default"), auto::toString);
        assertTrue(auto.stderr().contains("libvirt did not judge"), auto::toString);

        Cli.Result required = compare(cli("test:///default"), moved, "--judge", "libvirt");
        assertEquals(ExitCodes.ERROR, required.exitCode(), required::toString);
        assertEquals(1, required.stderr().strip().lines().count(), required::toString);
        assertTrue(required.stderr().contains("libvirt could not judge (--judge libvirt)"), required::toString);
    }
}
