package org.abiguard.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.abiguard.config.Config;
import org.abiguard.drift.ArchiveDrift;
import org.abiguard.drift.DriftFilter;
import org.abiguard.libvirt.FetchedDomain;
import org.abiguard.libvirt.HostFacts;
import org.abiguard.report.ReportBuilder;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;

/**
 * Fleet benchmark (not a test): threads pose as HOSTS agents of DOMAINS domains each (XML varied from
 * one real libvirt domain) against one PostgreSQL. Measures the first passes (versions/s, database
 * growth per 1,000 versions), then sustained unchanged passes (host passes/s, domain checks/s, latency),
 * the rows and WAL bytes of one unchanged pass, and drift and report over the resulting archive with
 * 1 % of the domains changed. Agents' own CPU (reading libvirt, digests) is done before timing: the
 * question is what one database sustains. Run: {@code scripts/bench-fleet.sh [HOSTS] [DOMAINS] [THREADS] [SECONDS]}.
 */
public final class FleetBenchmark {
    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        String template;
        try (TestGuests guests = TestGuests.create("fleet")) {
            template = guests.defineStandard("template").getXMLDesc(2);
        }
        try (TestDatabase db = TestDatabase.create("fleet")) {
            Config config = new Config(Optional.of(db.url()), Optional.of(TestDatabase.USER),
                    Optional.of(TestDatabase.PASSWORD), List.of("qemu:///system"), "bench", Path.of("/tmp"), Optional.empty());
            try (Database database = Database.open(config)) {
                run(database, db, template, hosts, domains, threads, seconds);
            }
        }
    }

    private static void run(Database database, TestDatabase db, String template, int hosts, int domains, int threads,
                            int seconds) throws Exception {
        System.err.printf("building %d observations of %d domains...%n", hosts, domains);
        List<HostObservation> fleet = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            fleet.add(observation("hv-" + h, h, template, domains));
        }
        long sizeBefore = db.queryLong("select pg_database_size(current_database())");
        long start = System.nanoTime();
        parallel(threads, fleet, o -> new SnapshotPass(database.jdbi(), o.hostName()).write(o));
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        long versions = db.queryLong("select count(*) from domain_versions");
        long growth = db.queryLong("select pg_database_size(current_database())") - sizeBefore;
        System.out.printf("first passes: %d hosts x %d domains = %d versions in %.1f s (%.0f versions/s); "
                        + "database growth %.1f MiB per 1,000 versions%n", hosts, domains, versions, firstSeconds,
                versions / firstSeconds, growth / 1024.0 / 1024.0 / (versions / 1000.0));

        // Sustained unchanged passes: every thread picks random hosts for SECONDS.
        AtomicLong passes = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    HostObservation o = fleet.get(ThreadLocalRandom.current().nextInt(fleet.size()));
                    long t0 = System.nanoTime();
                    new SnapshotPass(database.jdbi(), o.hostName()).write(again(o));
                    latencies.add((System.nanoTime() - t0) / 1000);
                    passes.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double rate = passes.get() / (double) seconds;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("unchanged passes, %d threads, %d s: %.0f host passes/s = %.0f domain checks/s "
                        + "(target 11 host passes/s = 1,111 domain checks/s: %.0fx headroom); latency p50 %.1f ms, "
                        + "p99 %.1f ms%n", threads, seconds, rate, rate * domains, rate / (10_000 / 900.0),
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0);

        // One unchanged pass in isolation: rows touched and WAL written.
        HostObservation one = fleet.get(0);
        String lsnBefore = db.jdbi().withHandle(h -> h.createQuery("select pg_current_wal_lsn()::text").mapTo(String.class).one());
        new SnapshotPass(database.jdbi(), one.hostName()).write(again(one));
        long wal = db.queryLong("select pg_wal_lsn_diff(pg_current_wal_lsn(), '" + lsnBefore + "')::bigint");
        long rows = 0;
        for (String table : List.of("hosts", "host_facts", "domains", "domain_moves", "domain_versions", "passes")) {
            rows += db.queryLong("select count(*) from " + table + " where xmin = (select xmin from passes "
                    + "order by id desc limit 1)");
        }
        System.out.printf("one unchanged pass of %d domains: %d rows written, %d bytes of WAL%n", domains, rows, wal);

        // Drift and report over the archive, with 1 % of the domains redefined.
        List<HostObservation> changed = new ArrayList<>();
        for (int h = 0; h < hosts; h += 100) {
            changed.add(withChangedMemory(fleet.get(h)));
        }
        parallel(threads, changed, o -> new SnapshotPass(database.jdbi(), o.hostName()).write(o));
        long total = db.queryLong("select count(*) from domain_versions");
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            int findings = new ArchiveDrift(database.jdbi()).open(DriftFilter.ALL).size();
            long t1 = System.nanoTime();
            var report = new ReportBuilder(database.jdbi()).build(Instant.now());
            long t2 = System.nanoTime();
            int oneHost = new ArchiveDrift(database.jdbi()).open(new DriftFilter(Optional.empty(), Optional.of("hv-0"),
                    Optional.empty())).size();
            long t3 = System.nanoTime();
            int states = database.jdbi().withExtension(org.abiguard.drift.DriftDao.class, dao -> dao.states(null, null)).size();
            long t4 = System.nanoTime();
            System.out.printf("  of which the drift state query alone: %d ms (%d candidate domains)%n",
                    (t4 - t3) / 1_000_000, states);
            System.out.printf("archive of %d versions, %d domains drifted: drift (all hosts) %d findings in %d ms; "
                            + "report built in %d ms (%d domains); drift --host hv-0 %d findings in %d ms%n", total,
                    changed.size() * domains, findings, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    report.domains().size(), oneHost, (t3 - t2) / 1_000_000);
        }
    }

    private interface Work {
        void run(HostObservation o);
    }

    private static void parallel(int threads, List<HostObservation> items, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (HostObservation o : items) {
            futures.add(pool.submit(() -> work.run(o)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    static HostObservation observation(String host, int h, String template, int domains) {
        HostFacts facts = new HostFacts("qemu:///system", "9.0.0", "QEMU", "7.2.0", Optional.of("6.1.0"),
                Optional.of("boot-" + h), Optional.of("Broadwell"), Optional.of("Intel"), List.of("pc-i440fx-7.2"));
        List<ObservedDomain> observed = new ArrayList<>();
        for (int d = 0; d < domains; d++) {
            UUID uuid = new UUID(h, d);
            String xml = template.replaceAll("<name>[^<]*</name>", "<name>vm-" + h + "-" + d + "</name>")
                    .replaceAll("<uuid>[^<]*</uuid>", "<uuid>" + uuid + "</uuid>")
                    .replaceAll("address='52:54:00:[0-9a-f:]+'", String.format("address='52:54:00:%02x:%02x:%02x'",
                            h % 256, d % 256, (h / 256) % 256));
            observed.add(ObservedDomain.of(new FetchedDomain(uuid, "vm-" + h + "-" + d, "qemu:///system", xml,
                    Optional.empty())));
        }
        return new HostObservation(UUID.randomUUID(), host, Instant.now(), System.nanoTime(), facts, observed, Set.of(),
                List.of());
    }

    /** The same content observed again: a new observation id, as a new pass would have. */
    static HostObservation again(HostObservation o) {
        return new HostObservation(UUID.randomUUID(), o.hostName(), Instant.now(), System.nanoTime(), o.facts(),
                o.domains(), o.gone(), o.skipped());
    }

    private static HostObservation withChangedMemory(HostObservation o) {
        List<ObservedDomain> changed = o.domains().stream().map(d -> ObservedDomain.of(new FetchedDomain(
                d.fetched().uuid(), d.fetched().name(), d.fetched().libvirtUri(), d.fetched().inactiveXml()
                .replace("<memory unit='KiB'>32768</memory>", "<memory unit='KiB'>65536</memory>")
                .replace("<currentMemory unit='KiB'>32768</currentMemory>", "<currentMemory unit='KiB'>65536</currentMemory>"),
                Optional.empty()))).toList();
        return new HostObservation(UUID.randomUUID(), o.hostName(), Instant.now(), System.nanoTime(), o.facts(), changed,
                o.gone(), o.skipped());
    }

}
