package org.abiguard.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.abiguard.config.Config;
import org.abiguard.testing.Cli;
import org.abiguard.testing.TestDatabase;
import org.abiguard.testing.TestGuests;

/**
 * What row-level security costs a pass (not a test): HOSTS hosts of DOMAINS domains each, archived once by the
 * owner login and once by one host login per host (db grant-host), then ROUNDS rounds of unchanged passes, the
 * two kinds interleaved so both meet the same server state. Prints p50/p90 per kind and their ratio.
 * Run: scripts/bench-host-login.sh [HOSTS=10] [DOMAINS=100] [ROUNDS=30]
 */
public final class HostLoginBenchmark {
    private HostLoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String template;
        try (TestGuests guests = TestGuests.create("rlsbench")) {
            template = guests.defineStandard("template").getXMLDesc(2);
        }
        String suffix = Long.toHexString(System.nanoTime() & 0xffffff);
        Path dir = Files.createTempDirectory("abiguard-rls-bench");
        List<String> logins = new ArrayList<>();
        try (TestDatabase db = TestDatabase.create("rlsbench");
             Database owner = Database.open(config(db, TestDatabase.USER, TestDatabase.PASSWORD, "owner"))) {
            List<HostObservation> asOwner = new ArrayList<>();
            List<HostObservation> asLogin = new ArrayList<>();
            List<Database> loginDatabases = new ArrayList<>();
            try {
                for (int h = 0; h < hosts; h++) {
                    asOwner.add(FleetBenchmark.observation("hv-owner-" + h, h, template, domains));
                    asLogin.add(FleetBenchmark.observation("hv-login-" + h, hosts + h, template, domains));
                    String login = "bench_" + suffix + "_" + h;
                    Path secret = org.abiguard.testing.Secrets.write(dir.resolve(login), "bench-password-" + suffix + "-" + h);
                    Cli.Result grant = Cli.on(db, "owner").run("db", "grant-host", "hv-login-" + h, "--login", login,
                            "--password-file", secret.toString());
                    if (grant.exitCode() != 0) {
                        throw new IllegalStateException(grant.toString());
                    }
                    logins.add(login);
                    loginDatabases.add(Database.open(config(db, login, Files.readString(secret), "hv-login-" + h)));
                }
                for (int h = 0; h < hosts; h++) {
                    new SnapshotPass(owner.jdbi(), "hv-owner-" + h).write(asOwner.get(h));
                    new SnapshotPass(loginDatabases.get(h).jdbi(), "hv-login-" + h).write(asLogin.get(h));
                }
                List<Long> ownerMicros = new ArrayList<>();
                List<Long> loginMicros = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    for (int h = 0; h < hosts; h++) {
                        ownerMicros.add(time(owner, asOwner.get(h)));
                        loginMicros.add(time(loginDatabases.get(h), asLogin.get(h)));
                    }
                }
                double ownerP50 = percentile(ownerMicros, 0.5);
                double loginP50 = percentile(loginMicros, 0.5);
                System.out.printf("unchanged pass of %d domains, %d passes each: owner login p50 %.1f ms p90 %.1f ms; "
                                + "host login (row-level security) p50 %.1f ms p90 %.1f ms; ratio %.2f%n", domains,
                        ownerMicros.size(), ownerP50 / 1000, percentile(ownerMicros, 0.9) / 1000, loginP50 / 1000,
                        percentile(loginMicros, 0.9) / 1000, loginP50 / ownerP50);
            } finally {
                loginDatabases.forEach(Database::close);
            }
        } finally {
            try (TestDatabase cleanup = TestDatabase.create("rlsclean")) {
                for (String login : logins) {
                    cleanup.jdbi().useHandle(h -> h.execute("drop role if exists " + login));
                }
            }
        }
    }

    private static long time(Database database, HostObservation o) {
        long t0 = System.nanoTime();
        new SnapshotPass(database.jdbi(), o.hostName()).write(FleetBenchmark.again(o));
        return (System.nanoTime() - t0) / 1000;
    }

    private static double percentile(List<Long> values, double p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
    }

    private static Config config(TestDatabase db, String user, String password, String host) {
        return new Config(Optional.of(db.url()), Optional.of(user), Optional.of(password), List.of(TestGuests.URI), host,
                Path.of("/tmp"), Optional.empty());
    }
}
