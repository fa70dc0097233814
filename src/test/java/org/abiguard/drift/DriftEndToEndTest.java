package org.abiguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.abiguard.cli.ExitCodes;
import org.abiguard.testing.Cli;
import org.abiguard.testing.Libvirtd;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/** Drift over the archive on real libvirtd: the seed's regeneration, machine type, CPU, and non-events. */
class DriftEndToEndTest {
    private static final int AFFECT_CONFIG = 2;

    private TestDatabase db;
    private TestGuests guests;
    private Cli cli;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create("drift");
        guests = TestGuests.create("drift");
        cli = Cli.on(db, "hv-drift");
    }

    @AfterEach
    void tearDown() {
        guests.close();
        db.close();
    }

    private void snapshot() {
        Cli.Result result = cli.run("snapshot");
        assertEquals(0, result.exitCode(), result::toString);
    }

    private List<JsonNode> drift(String domain) throws Exception {
        Cli.Result result = cli.run("drift", "--domain", domain, "--format", "json");
        assertEquals(0, result.exitCode(), result::toString);
        List<JsonNode> findings = new ArrayList<>();
        new ObjectMapper().readTree(result.stdout()).get("findings").forEach(findings::add);
        return findings;
    }

    private static String xml(String name, String uuid, String machine, String cpuModel, String disks) {
        return """
                <domain type='qemu'>
                  <name>%s</name>%s
                  <memory unit='MiB'>32</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='%s'>hvm</type></os>%s
                  <devices>%s
                    <memballoon model='virtio'/>
                  </devices>
                </domain>
                """.formatted(name, uuid == null ? "" : "<uuid>" + uuid + "</uuid>", machine,
                cpuModel == null ? "" : "<cpu mode='custom' match='exact'><model>" + cpuModel + "</model></cpu>", disks);
    }

    private static String disk(Path file, String target) {
        return "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + file
                + "'/><target dev='" + target + "' bus='virtio'/></disk>";
    }

    @Test
    void seedRegenerationMovesConfigDiskVolumeAndBalloonButNotTheRootDisk() throws Exception {
        String name = guests.name("seed");
        Path root = guests.disk("seed-root");
        Path config = guests.disk("seed-config");
        Path volume = guests.disk("seed-volume");
        Domain domain = guests.define(xml(name, null, "pc", null, disk(root, "vda") + disk(config, "vdb")));
        String uuid = domain.getUUIDString();
        snapshot();
        domain.attachDeviceFlags(disk(volume, "vdc"), AFFECT_CONFIG);
        snapshot();
        assertEquals(0, cli.run("accept", name, "--reason", "volume attached on purpose").exitCode());

        // Nova's hard reboot: the XML regenerated from scratch, the volume listed (and named) after the root disk.
        domain.undefine();
        guests.define(xml(name, uuid, "pc", null, disk(root, "vda") + disk(volume, "vdb") + disk(config, "vdc")));
        snapshot();

        List<JsonNode> findings = drift(name);
        Set<String> seen = new HashSet<>();
        for (JsonNode f : findings) {
            seen.add(f.get("category").asText() + " " + f.get("device").asText().split(" \\(")[0]
                    + " " + f.get("device").asText().replaceAll(".*/", "").replace(")", ""));
            assertEquals(uuid, f.at("/domain/uuid").asText());
            assertEquals("hv-drift", f.get("host").asText());
            assertEquals("unexplained", f.at("/context/0/event").asText());
        }
        String configFile = config.getFileName().toString();
        String volumeFile = volume.getFileName().toString();
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("device-address disk") && s.endsWith(configFile)), seen::toString);
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("device-address disk") && s.endsWith(volumeFile)), seen::toString);
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("device-order disk") && s.endsWith(configFile)), seen::toString);
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("device-order disk") && s.endsWith(volumeFile)), seen::toString);
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("device-address memballoon")), seen::toString);
        String rootFile = root.getFileName().toString();
        assertTrue(seen.stream().noneMatch(s -> s.endsWith(rootFile)), "nothing for the root disk: " + seen);
    }

    @Test
    void machineTypeExpandedAgainIsOneFindingAndAcceptCloses() throws Exception {
        String name = guests.name("machine");
        Path root = guests.disk("machine-root");
        Domain domain = guests.define(xml(name, null, "pc-i440fx-6.2", null, disk(root, "vda")));
        String uuid = domain.getUUIDString();
        snapshot();
        domain.undefine();
        guests.define(xml(name, uuid, "pc", null, disk(root, "vda")));
        snapshot();

        List<JsonNode> findings = drift(uuid);
        assertEquals(1, findings.size(), findings::toString);
        JsonNode f = findings.get(0);
        assertEquals("machine-type", f.get("category").asText());
        assertEquals("pc-i440fx-6.2", f.get("before").asText());
        assertTrue(f.get("after").asText().matches("pc-i440fx-\\d+\\.\\d+") && !f.get("after").asText().equals("pc-i440fx-6.2"));
        assertEquals(1, f.get("baseline_version").asInt());
        assertEquals(2, f.get("observed_version").asInt());
        assertEquals(ExitCodes.DRIFT, cli.run("drift", "--exit-code").exitCode());

        Cli.Result accept = cli.run("accept", name, "--reason", "new chipset approved in CHG-1");
        assertEquals(0, accept.exitCode(), accept::toString);
        assertTrue(accept.stdout().contains("1 finding(s) closed"), accept.stdout());
        assertEquals(List.of(), drift(uuid));
        assertEquals(ExitCodes.OK, cli.run("drift", "--exit-code").exitCode());
        Cli.Result again = cli.run("accept", name, "--reason", "twice");
        assertTrue(again.stdout().contains("is already its baseline; nothing to accept"), again::toString);
        assertEquals(1, db.queryLong("select count(*) from baselines where reason = 'new chipset approved in CHG-1' "
                + "and closed_findings @> '[{\"category\": \"machine-type\"}]' and accepted_by <> ''"));
    }

    @Test
    void cpuModelChangeIsCpuModelDrift() throws Exception {
        String name = guests.name("cpu");
        Path root = guests.disk("cpu-root");
        Domain domain = guests.define(xml(name, null, "pc", "qemu64", disk(root, "vda")));
        snapshot();
        guests.define(xml(name, domain.getUUIDString(), "pc", "kvm64", disk(root, "vda")));
        snapshot();

        List<JsonNode> findings = drift(name);
        assertTrue(findings.stream().anyMatch(f -> f.get("category").asText().equals("cpu-model")
                && f.get("before").asText().equals("qemu64") && f.get("after").asText().equals("kvm64")), findings::toString);
        assertTrue(findings.stream().allMatch(f -> f.get("category").asText().equals("cpu-model")), findings::toString);
    }

    @Test
    void runningGuestRedefinedHasPendingColdBootDrift() throws Exception {
        Domain guest = guests.defineStandard("pending");
        guest.create();
        snapshot();
        assertEquals(List.of(), drift(guest.getName()), "started from its definition: nothing pending");

        // Redefined while running: the guest keeps its old chipset until its next cold boot.
        guests.define(guest.getXMLDesc(2).replaceAll("machine='pc-i440fx-[0-9.]+'", "machine='pc-i440fx-6.2'"));
        snapshot();

        List<JsonNode> findings = drift(guest.getName());
        assertTrue(findings.stream().anyMatch(f -> f.get("category").asText().equals("machine-type")
                && f.at("/context/0/event").asText().equals("pending-cold-boot")
                && f.get("after").asText().equals("pc-i440fx-6.2")), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> f.get("category").asText().equals("machine-type")
                && f.at("/context/0/event").asText().equals("unexplained")), "and the definition drifted: " + findings);
    }

    @Test
    void liveOnlyHotplugIsLostAtTheNextColdBoot() throws Exception {
        Domain guest = guests.defineStandard("hotplug");
        guest.create();
        snapshot();
        Path volume = guests.disk("hotplug-volume");
        guest.attachDeviceFlags(disk(volume, "vdc"), 1); // VIR_DOMAIN_AFFECT_LIVE only
        snapshot();

        List<JsonNode> findings = drift(guest.getName());
        assertTrue(findings.stream().anyMatch(f -> f.get("category").asText().equals("device-removed")
                && f.get("device").asText().contains(volume.getFileName().toString())
                && f.at("/context/0/event").asText().equals("pending-cold-boot")), findings::toString);
    }

    @Test
    void stopStartLibvirtdRestartAndANewVncPortAreNoFindingAtAll() throws Exception {
        Domain guest = guests.defineStandard("calm");
        guest.create();
        snapshot();

        guest.destroy();
        Domain portTaker = guests.defineStandard("port-taker");
        portTaker.create();
        guest.create();
        snapshot();
        Libvirtd.restart();
        snapshot();

        assertEquals(List.of(), drift(guest.getName()));
        assertEquals(2, db.queryLong("select count(*) from domain_versions v join domains d on d.id = v.domain_id "
                + "where d.name = '" + guest.getName() + "'"), "no new version either: only the first inactive and live");
    }
}
