package org.abiguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.abiguard.testing.ArchiveFixture;
import org.abiguard.testing.Cli;
import org.abiguard.testing.Virsh;
import org.abiguard.testing.XmlEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.libvirt.Domain;

/**
 * Passes ask the host's libvirt once per new version and drift shows its verdict: a moved device is libvirt_abi in
 * libvirt's words, a host-side change is not, an unchanged pass asks nothing, and the report says who judged.
 */
class PassVerdictsTest {
    @RegisterExtension
    final ArchiveFixture fx = new ArchiveFixture("verdicts", "hv-verdicts");

    private void snapshot() {
        Cli.Result result = fx.cli().run("snapshot");
        assertEquals(0, result.exitCode(), result::toString);
    }

    private List<JsonNode> drift(String domain) throws Exception {
        Cli.Result result = fx.cli().run("drift", "--domain", domain, "--format", "json");
        assertEquals(0, result.exitCode(), result::toString);
        List<JsonNode> findings = new ArrayList<>();
        new ObjectMapper().readTree(result.stdout()).get("findings").forEach(findings::add);
        return findings;
    }

    private static String libvirtJudge() {
        return org.abiguard.testing.Virsh.libvirtJudge();
    }

    private long verdicts() {
        return fx.db().queryLong("select count(*) from abi_verdicts");
    }

    @Test
    void aMovedBalloonIsLibvirtAbiInLibvirtsWordsAndJudgedOnce() throws Exception {
        Domain domain = fx.guests().defineStandard("moved");
        String name = domain.getName();
        snapshot();
        String moved = XmlEdit.apply(domain.getXMLDesc(2), e -> e.set("/domain/devices/memballoon/address", "slot", "0x09"));
        fx.guests().define(moved);
        snapshot();
        assertEquals(1, verdicts(), "one new version, one verdict");
        List<JsonNode> findings = drift(name);
        JsonNode balloon = findings.stream().filter(f -> f.at("/category").asText().equals("device-address"))
                .findFirst().orElseThrow(() -> new AssertionError(findings.toString()));
        assertTrue(balloon.at("/libvirt_abi").asBoolean());
        assertEquals(libvirtJudge(), balloon.at("/judge").asText());
        assertTrue(balloon.at("/libvirt_message").asText().contains("does not match source"), balloon::toString);
        assertTrue(balloon.at("/judge_note").isNull(), balloon::toString);

        snapshot();
        assertEquals(1, verdicts(), "an unchanged pass asks libvirt nothing");
        Cli.Result text = fx.cli().run("drift", "--domain", name);
        assertTrue(text.stdout().contains("judged by " + libvirtJudge()), text::toString);
        Cli.Result report = fx.cli().run("report", "--format", "md");
        assertTrue(report.stdout().contains("judged by " + libvirtJudge()) && report.stdout().contains("libvirt: "),
                report::toString);
    }

    @Test
    void aHostSideChangeIsJudgedTheSameAbiAndIsNoFindingOfLibvirts() throws Exception {
        Domain domain = fx.guests().defineStandard("host");
        snapshot();
        String elsewhere = XmlEdit.apply(domain.getXMLDesc(2), e -> e.set("/domain/devices/disk[1]/source", "file",
                fx.guests().disk("host-elsewhere").toString()));
        fx.guests().define(elsewhere);
        snapshot();
        assertEquals("accepted", fx.db().jdbi().withHandle(h -> h.createQuery("select outcome from abi_verdicts")
                .mapTo(String.class).one()));
        List<JsonNode> findings = drift(domain.getName());
        assertFalse(findings.isEmpty(), "the source moved: a host-config finding");
        for (JsonNode f : findings) {
            assertFalse(f.at("/libvirt_abi").asBoolean(), f::toString);
            assertFalse(f.at("/guest_visible").asBoolean(), f::toString);
            assertEquals(libvirtJudge(), f.at("/judge").asText());
        }
    }

    @Test
    void withoutALibvirtThatCanJudgeTheRulesDecideAndSaySo() throws Exception {
        Domain domain = fx.guests().defineStandard("rules");
        snapshot();
        fx.guests().define(XmlEdit.apply(domain.getXMLDesc(2),
                e -> e.set("/domain/devices/memballoon/address", "slot", "0x09")));
        // The same archive read by a pass whose only URI the judge cannot use: nothing is judged, nothing archived.
        Cli.Result pass = fx.cli().with("ABIGUARD_LIBVIRT_URI", "qemu:///system,test:///default").run("snapshot");
        assertEquals(0, pass.exitCode(), pass::toString);
        assertEquals(1, verdicts(), "the first local QEMU URI judges");
        fx.db().jdbi().useHandle(h -> h.execute("delete from abi_verdicts"));
        List<JsonNode> findings = drift(domain.getName());
        JsonNode balloon = findings.stream().filter(f -> f.at("/category").asText().equals("device-address"))
                .findFirst().orElseThrow();
        assertEquals("rules", balloon.at("/judge").asText());
        assertTrue(balloon.at("/judge_note").asText().contains("has not judged this pair yet"), balloon::toString);
    }
}
