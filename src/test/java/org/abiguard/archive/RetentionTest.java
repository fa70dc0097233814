package org.abiguard.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/** Retention never frees a version number: the next version after pruning is a new number. */
class RetentionTest {
    @Test
    void pruningTheNewestLiveVersionNeverLetsItsNumberBeReused() throws Exception {
        try (TestDatabase db = TestDatabase.create("retention"); TestGuests guests = TestGuests.create("retention")) {
            Domain guest = guests.defineStandard("g");
            Cli cli = Cli.on(db, "hv-ret");
            guest.create();
            assertEquals(0, cli.run("snapshot").exitCode()); // v1 inactive, v2 live
            guest.destroy();
            assertEquals(0, cli.run("snapshot").exitCode()); // v2 closed: the guest stopped
            String v2Seen = db.jdbi().withHandle(h -> h.createQuery("select first_seen::text from domain_versions"
                    + " where version = 2").mapTo(String.class).one());

            int pruned = db.jdbi().installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin()).withExtension(
                    DomainVersionDao.class, dao -> dao.pruneLiveBefore(Instant.now().plus(Duration.ofDays(1))));
            assertEquals(0, pruned, "v2 is the domain's highest version: kept");

            guest.create();
            assertEquals(0, cli.run("snapshot").exitCode());
            assertEquals(v2Seen, db.jdbi().withHandle(h -> h.createQuery("select first_seen::text from domain_versions"
                    + " where version = 2").mapTo(String.class).one()), "v2 is still the version first seen then");
            guest.destroy();
        }
    }
}
