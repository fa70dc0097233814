package org.abiguard.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.abiguard.testing.ArchiveFixture;
import org.abiguard.testing.Cli;
import org.abiguard.testing.XmlEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.libvirt.Domain;

/**
 * Gate decisions are drift context only from the hosts the guest was on: a decision carrying this guest's UUID that
 * another host wrote (a compromised host's login can insert its own host's rows, with any UUID) is not this guest's
 * "start refused by the gate" (issue 20, item 8).
 */
class GateEventsTest {
    @RegisterExtension
    final ArchiveFixture fx = new ArchiveFixture("gateevents", "hv-own");

    private void decision(String host, String uuid) {
        fx.db().jdbi().useHandle(h -> h.createUpdate("""
                insert into gate_decisions (id, host_id, domain_uuid, domain_name, decided_at, operation, mode, verdict,
                                            findings)
                values (gen_random_uuid(), (select id from hosts where name = :host), cast(:uuid as uuid), 'x',
                        now(), 'prepare', 'enforce', 'refused', '[]')""").bind("host", host).bind("uuid", uuid).execute());
    }

    @Test
    void aDecisionAnotherHostWroteIsNotThisGuestsContext() throws Exception {
        Domain guest = fx.guests().defineStandard("g");
        assertEquals(0, fx.cli().run("snapshot").exitCode());
        fx.guests().define(XmlEdit.apply(guest.getXMLDesc(2), e -> e.set("/domain/devices/memballoon/address", "slot", "0x09")));
        assertEquals(0, fx.cli().run("snapshot").exitCode());
        assertEquals(0, Cli.on(fx.db(), "hv-other").with("ABIGUARD_LIBVIRT_URI", "test:///default")
                .with("ABIGUARD_STATE_DIR", fx.stateDir().resolve("other").toString()).run("snapshot").exitCode());

        decision("hv-other", guest.getUUIDString());
        Cli.Result forged = fx.cli().run("drift", "--domain", guest.getUUIDString(), "--format", "json");
        assertEquals(0, forged.exitCode(), forged::toString);
        assertTrue(forged.stdout().contains("device-address") && !forged.stdout().contains("start-refused"),
                "another host's decision is not this guest's: " + forged.stdout());

        decision("hv-own", guest.getUUIDString());
        Cli.Result own = fx.cli().run("drift", "--domain", guest.getUUIDString(), "--format", "json");
        assertTrue(own.stdout().contains("start-refused"), "its own host's decision is: " + own.stdout());
    }
}
