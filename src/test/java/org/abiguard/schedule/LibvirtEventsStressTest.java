package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.abiguard.testing.Libvirtd;
import org.abiguard.testing.TestGuests;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/**
 * The native side of the event listener under churn, in bounded time: thousands of lifecycle events with
 * forced garbage collections, libvirtd killed and restarted twice, and listeners (what two daemons in one
 * JVM start) opened and closed in between. The JVM must survive (a freed callback libvirt still calls is a
 * SIGSEGV), events must flow again after each restart, and every registered callback stays pinned.
 */
class LibvirtEventsStressTest {
    private static final int CYCLES = 1200;

    @Test
    void eventsSurviveChurnGcAndKilledLibvirtd() throws Exception {
        AtomicLong first = new AtomicLong();
        AtomicLong second = new AtomicLong();
        try (TestGuests guests = TestGuests.create("stress"); LibvirtEvents a = new LibvirtEvents(TestGuests.URI,
                first::incrementAndGet)) {
            a.start();
            String xml = TestGuests.standardXml(guests.name("churn"), guests.disk("churn-root"), guests.disk("churn-cfg"));
            LibvirtEvents b = null;
            for (int i = 0; i < CYCLES; i++) {
                if (i == CYCLES / 3 || i == 2 * CYCLES / 3) {
                    Libvirtd.killSystemDaemon();
                    Libvirtd.restart();
                    guests.reconnect();
                    long before = first.get();
                    churn(guests, xml);
                    awaitMore(first, before, "events after libvirtd restart " + i);
                }
                if (i % 50 == 0) {
                    if (b != null) {
                        b.close();
                    }
                    b = new LibvirtEvents(TestGuests.URI, second::incrementAndGet);
                    b.start();
                    System.gc();
                }
                churn(guests, xml);
            }
            long before = second.get();
            churn(guests, xml);
            awaitMore(second, before, "events on the last listener");
            b.close();
            System.gc();
            assertTrue(first.get() >= CYCLES, "events delivered: " + first.get());
            assertTrue(LibvirtEvents.pinnedCallbacks() >= 3 + CYCLES / 50, "callbacks pinned: "
                    + LibvirtEvents.pinnedCallbacks());
        }
    }

    private static void churn(TestGuests guests, String xml) throws Exception {
        Domain d = guests.define(xml);
        d.undefine();
    }

    private static void awaitMore(AtomicLong counter, long than, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (counter.get() <= than) {
            assertTrue(System.nanoTime() < deadline, "no " + what);
            Thread.sleep(50);
        }
    }
}
