package org.abiguard.archive;

import java.time.Duration;
import java.time.Instant;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Writes one {@link HostObservation} in one transaction: a pass row, the host's heartbeat, host
 * facts if they changed, and only what changed of domains and versions. An unchanged pass writes
 * two rows (the pass, the host's last_pass_at) whatever the number of domains. Passes of one host
 * serialise on the host's pass lock row ({@link ArchiveLock}), passes touching the same domains on the
 * domains' rows, locked in id order; a failure rolls everything back, a lost race is retried.
 */
final class ArchiveWriter {
    static final String INACTIVE = "inactive";
    static final String LIVE = "live";

    private ArchiveWriter() {
    }

    /** Attempts of one pass: a lost race (a UUID two hosts insert at once, a deadlock between moves) retries. */
    static final int ATTEMPTS = 3;

    /** Returns the pass written, or null when this observation was written before (an idempotent replay). */
    static PassSummary write(Jdbi jdbi, HostObservation observation, Runnable beforeCommit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(jdbi, observation, beforeCommit);
            } catch (JdbiException e) {
                if (attempt >= ATTEMPTS || !lostRace(e)) {
                    throw e;
                }
            }
        }
    }

    /** Unique violation (another pass inserted the same new domain first), deadlock or serialization failure. */
    private static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && Set.of("23505", "40P01", "40001").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static PassSummary writeOnce(Jdbi jdbi, HostObservation observation, Runnable beforeCommit) {
        return jdbi.inTransaction(handle -> {
            HostDao hosts = handle.attach(HostDao.class);
            long hostId = hosts.ensure(observation.hostName());
            ArchiveLock.lockInTransaction(handle, ArchiveLock.passesOf(hostId), hostId);
            if (handle.attach(PassDao.class).written(observation.id())) {
                return null; // a replayed spool file whose pass was written before: once is enough
            }
            Instant previousPass = hosts.lastPassAt(hostId).orElse(null);
            // Versions, facts and moves carry when libvirt was read (a replayed pass: when it was spooled), not now.
            Instant observedAt = observation.startedAt();
            handle.attach(HostFactsDao.class).recordIfChanged(hostId, observation.facts(), observedAt);
            observation.capabilities().ifPresent(c -> handle.attach(HostCapabilitiesDao.class)
                    .recordIfChanged(hostId, c, observedAt));

            DomainDao domains = handle.attach(DomainDao.class);
            UUID[] seen = observation.domains().stream().map(d -> d.fetched().uuid()).toArray(UUID[]::new);
            Set<UUID> heldElsewhere = new HashSet<>(domains.moveIn(hostId, seen, observedAt));
            List<ObservedDomain> observed = observation.domains().stream()
                    .filter(d -> !heldElsewhere.contains(d.fetched().uuid())).toList();
            List<String> skipped = new ArrayList<>(observation.skipped());
            observation.domains().stream().filter(d -> heldElsewhere.contains(d.fetched().uuid()))
                    .forEach(d -> skipped.add(d.fetched().name() + " (" + d.fetched().uuid() + "): the archive has it on "
                            + "another host that has not released it yet; recorded as moved once that host's pass no "
                            + "longer sees it"));
            UUID[] uuids = observed.stream().map(d -> d.fetched().uuid()).toArray(UUID[]::new);
            domains.lockOwn(hostId, Stream.concat(Arrays.stream(uuids), observation.gone().stream()).toArray(UUID[]::new));
            Map<UUID, KnownDomain> known = domains.knownForPass(hostId, uuids).stream()
                    .collect(Collectors.toMap(KnownDomain::uuid, Function.identity()));

            PassPlan plan = new PassPlan(hostId, observedAt);
            observed.forEach(d -> plan.observe(d, known.get(d.fetched().uuid())));
            observation.gone().forEach(uuid -> plan.gone(known.get(uuid)));

            PassSummary summary = new PassSummary(observation.startedAt(), Instant.now(),
                    Duration.ofNanos(System.nanoTime() - observation.startedNanos()).toMillis(),
                    observation.domains().size(),
                    (int) observed.stream().filter(d -> d.fetched().running()).count(),
                    plan.versionCount(), plan.goneCount(), skipped.size(), skipped.isEmpty() ? "ok" : "partial");
            long passId = handle.attach(PassDao.class).insert(hostId, summary, observation.id());
            plan.apply(domains, handle.attach(DomainVersionDao.class), passId, previousPass);
            hosts.recordPass(hostId, observedAt);
            beforeCommit.run();
            return summary;
        });
    }

    /** Pure bookkeeping of what a pass changes; {@link #apply} performs it. */
    private static final class PassPlan {
        private final long hostId;
        private final Instant now;
        private final List<ObservedDomain> created = new ArrayList<>();
        private final List<PendingVersion> versions = new ArrayList<>();
        private final List<Long> toClose = new ArrayList<>();
        private final List<Long> toReopen = new ArrayList<>();
        private final List<Long> goneIds = new ArrayList<>();
        private final List<Consumer<DomainDao>> domainUpdates = new ArrayList<>();

        PassPlan(long hostId, Instant now) {
            this.hostId = hostId;
            this.now = now;
        }

        void observe(ObservedDomain observed, KnownDomain known) {
            if (known == null) {
                created.add(observed);
                return;
            }
            String name = observed.fetched().name();
            if (!known.name().equals(name)) {
                domainUpdates.add(dao -> dao.rename(known.id(), name));
            }
            // A domain the archive had on another host was moved here by DomainDao.moveIn before planning.
            if (known.goneSince() != null) {
                domainUpdates.add(dao -> dao.markPresent(known.id()));
            }
            int next = known.maxVersion();
            if (!observed.inactiveSha256().equals(known.inactiveSha256())) {
                closeIfOpen(known.inactiveVersionId(), known.inactiveOpen());
                versions.add(new PendingVersion(known.id(), observed, ++next, INACTIVE));
            } else if (!known.inactiveOpen()) {
                toReopen.add(known.inactiveVersionId());
            }
            if (observed.liveSha256().isEmpty()) {
                closeIfOpen(known.liveVersionId(), known.liveOpen());
            } else if (!observed.liveSha256().get().equals(known.liveSha256())) {
                closeIfOpen(known.liveVersionId(), known.liveOpen());
                versions.add(new PendingVersion(known.id(), observed, ++next, LIVE));
            } else if (!known.liveOpen()) {
                toReopen.add(known.liveVersionId());
            }
        }

        void gone(KnownDomain known) {
            if (known == null || known.hostId() != hostId || known.goneSince() != null) {
                return;
            }
            goneIds.add(known.id());
            closeIfOpen(known.inactiveVersionId(), known.inactiveOpen());
            closeIfOpen(known.liveVersionId(), known.liveOpen());
        }

        private void closeIfOpen(Long versionId, boolean open) {
            if (versionId != null && open) {
                toClose.add(versionId);
            }
        }

        int versionCount() {
            return versions.size() + created.size()
                    + (int) created.stream().filter(d -> d.liveSha256().isPresent()).count();
        }

        int goneCount() {
            return goneIds.size();
        }

        void apply(DomainDao domains, DomainVersionDao versionDao, long passId, Instant previousPass) {
            domainUpdates.forEach(update -> update.accept(domains));
            for (ObservedDomain observed : created) {
                long id = domains.insert(observed.fetched().uuid(), observed.fetched().name(), hostId, now);
                versions.add(new PendingVersion(id, observed, 1, INACTIVE));
                if (observed.liveSha256().isPresent()) {
                    versions.add(new PendingVersion(id, observed, 2, LIVE));
                }
            }
            Instant lastSeen = Objects.requireNonNullElse(previousPass, now);
            if (!toClose.isEmpty()) {
                versionDao.close(toClose.stream().mapToLong(Long::longValue).toArray(), lastSeen);
            }
            if (!toReopen.isEmpty()) {
                versionDao.reopen(toReopen.stream().mapToLong(Long::longValue).toArray());
            }
            if (!goneIds.isEmpty()) {
                domains.markGone(goneIds.stream().mapToLong(Long::longValue).toArray(), hostId, now);
            }
            if (!versions.isEmpty()) {
                versionDao.insertAll(versions.stream().map(v -> v.toNew(hostId, passId, now)).toList());
            }
        }
    }

    private record PendingVersion(long domainId, ObservedDomain observed, int version, String kind) {
        NewVersion toNew(long hostId, long passId, Instant at) {
            boolean live = LIVE.equals(kind);
            String xml = live ? observed.fetched().liveXml().orElseThrow() : observed.fetched().inactiveXml();
            String sha = live ? observed.liveSha256().orElseThrow() : observed.inactiveSha256();
            return new NewVersion(domainId, version, kind, sha, xml, at, hostId, passId);
        }
    }
}
