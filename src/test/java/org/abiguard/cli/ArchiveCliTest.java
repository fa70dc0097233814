package org.abiguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/** snapshot, history, show and host list as a user runs them, on real libvirtd and PostgreSQL. */
class ArchiveCliTest {
    private static TestDatabase db;
    private static TestGuests guests;
    private static Cli cli;
    private static Domain running;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create("cli");
        guests = TestGuests.create("cli");
        cli = Cli.on(db, "hv-cli");
        running = guests.defineStandard("web");
        running.create();
        Cli.Result snapshot = cli.run("snapshot");
        assertEquals(0, snapshot.exitCode(), snapshot::toString);
    }

    @AfterAll
    static void tearDown() {
        guests.close();
        db.close();
    }

    @Test
    void historyJsonListsBothKindsWithTheContractFields() throws Exception {
        Cli.Result result = cli.run("history", running.getName(), "--format", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertEquals(running.getUUIDString(), json.at("/domain/uuid").asText());
        JsonNode versions = json.get("versions");
        assertEquals(2, versions.size());
        assertEquals("inactive", versions.get(0).get("kind").asText());
        assertEquals("live", versions.get(1).get("kind").asText());
        for (JsonNode v : versions) {
            for (String field : new String[] {"version", "kind", "sha256", "first_seen", "last_seen", "host"}) {
                assertTrue(v.has(field), "field " + field + " in " + v);
            }
            assertEquals("hv-cli", v.get("host").asText());
            assertEquals(64, v.get("sha256").asText().length());
        }
    }

    @Test
    void historyAcceptsTheUuidAsIdentity() throws Exception {
        Cli.Result byUuid = cli.run("history", running.getUUIDString().toUpperCase(), "--format", "json");
        assertEquals(0, byUuid.exitCode(), byUuid::toString);
    }

    @Test
    void showPrintsTheArchivedInactiveAndLiveXml() throws Exception {
        Cli.Result inactive = cli.run("show", running.getName());
        Cli.Result live = cli.run("show", running.getName(), "--live");
        Cli.Result byVersion = cli.run("show", running.getName(), "--version", "1");

        assertEquals(0, inactive.exitCode(), inactive::toString);
        assertEquals(running.getXMLDesc(2).strip(), inactive.stdout().strip());
        assertEquals(inactive.stdout(), byVersion.stdout());
        assertEquals(0, live.exitCode(), live::toString);
        assertTrue(live.stdout().startsWith("<domain type='qemu' id='"), live.stdout());
    }

    @Test
    void showOfAnUnknownVersionOrDomainIsAOneLineError() throws Exception {
        Cli.Result noVersion = cli.run("show", running.getName(), "--version", "99");
        Cli.Result noDomain = cli.run("show", "no such domain; drop table domains");
        Cli.Result liveOfInactive = cli.run("show", running.getName(), "--version", "1", "--live");

        for (Cli.Result r : new Cli.Result[] {noVersion, noDomain, liveOfInactive}) {
            assertEquals(ExitCodes.ERROR, r.exitCode(), r::toString);
            assertEquals(1, r.stderrLines().size(), r::toString);
            assertEquals("", r.stdout());
        }
        assertTrue(noDomain.stderr().contains("no domain named or with UUID 'no such domain; drop table domains'"));
    }

    @Test
    void hostListShowsFactsAndLastPass() throws Exception {
        Cli.Result result = cli.run("host", "list", "--format", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode host = new ObjectMapper().readTree(result.stdout()).at("/hosts/0");
        assertEquals("hv-cli", host.get("name").asText());
        assertEquals("QEMU", host.get("hypervisor_type").asText());
        assertFalse(host.get("last_pass_at").isNull());
        assertTrue(host.get("machine_types").toString().contains("pc-i440fx-"), host.toString());
        assertTrue(cli.run("host", "list").stdout().contains("hv-cli"));
    }

    @Test
    void oddCharactersInDomainNamesAreArchivedAndFoundByName() throws Exception {
        String odd = guests.name("odd 'q\" & <ü> 日本");
        guests.define(TestGuests.standardXml(odd, guests.disk("odd-root"), guests.disk("odd-cfg")));

        Cli.Result snapshot = cli.run("snapshot");
        Cli.Result history = cli.run("history", odd, "--format", "json");

        assertEquals(0, snapshot.exitCode(), snapshot::toString);
        assertEquals(0, history.exitCode(), history::toString);
        assertEquals(odd, new ObjectMapper().readTree(history.stdout()).at("/domain/name").asText());
    }
}
