package org.abiguard.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.abiguard.AbiguardException;
import org.abiguard.archive.ArchiveLock;
import org.abiguard.archive.Database;
import org.abiguard.archive.DomainDao;
import org.abiguard.archive.DomainRef;
import org.abiguard.archive.DomainVersionDao;
import org.abiguard.archive.HostDao;
import org.abiguard.drift.JudgedComparison;
import org.abiguard.libvirt.SaveImageJudge;
import org.abiguard.drift.Finding;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.libvirt.LibvirtErrors;
import org.abiguard.Json;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Restores archived definitions on a healthy host, and only for evacuation. Interlocks, in order: the
 * source host is marked down or silent past the heartbeat threshold (two running copies of a guest on
 * shared storage destroy its disks); the domain was archived on that host; no other restore of it runs
 * (a row lock); the version's provenance and constructs ({@link Provenance}); it is not defined on the
 * target. Then the target checks ({@link TargetPreparation}),
 * libvirt's ABI check on the target for the definition about to be defined ({@code libvirt-abi}), the operator's
 * confirmation, the define, and the proof: the target's definition read back is the archived guest ABI by the
 * target's libvirt (the rules where it cannot be asked), else it is undefined again. Every attempt is recorded.
 */
public final class Evacuation {
    private final Database database;
    private final LibvirtConnection target;
    private final RestoreRequest request;
    private final java.nio.file.Path judgeDir;

    /** {@code judgeDir}: where libvirt's ABI check reads its images ({@link SaveImageJudge#workDir}). */
    public Evacuation(Database database, LibvirtConnection target, RestoreRequest request, java.nio.file.Path judgeDir) {
        this.judgeDir = judgeDir;
        this.database = database;
        this.target = target;
        this.request = request;
    }

    /** The UUIDs of every domain the archive has on the source host, for {@code --all}. */
    public List<UUID> domainsOfSourceHost() {
        HostDao.HostState host = sourceHost();
        return database.jdbi().withExtension(DomainDao.class, dao -> dao.presentOn(host.id()));
    }

    /** Restores one domain; {@code confirm} is asked before defining (not for dry runs). */
    public RestoreOutcome restore(String domainRef, Predicate<String> confirm) {
        Instant started = Instant.now();
        HostDao.HostState from = sourceHost();
        DomainRef domain = database.jdbi().withExtension(DomainDao.class, dao -> dao.require(domainRef));
        requireDown(from);
        if (!domain.hostName().equals(from.name())) {
            throw new AbiguardException(domain.name() + " was last archived on " + domain.hostName() + ", not on "
                    + from.name() + "; restore it --from-host " + domain.hostName());
        }
        Optional<ArchiveLock> lock = ArchiveLock.tryAcquire(database.dataSource(), ArchiveLock.restoreOf(domain.uuid()),
                null, Duration.ZERO);
        if (lock.isEmpty()) {
            throw new AbiguardException("another restore of " + domain.name() + " (" + domain.uuid() + ") is running");
        }
        try (ArchiveLock held = lock.get()) {
            int version = version(domain);
            Provenance.Origin origin = Provenance.origin(database.jdbi(), domain.id(), version);
            List<RestoreCheck> archiveChecks = List.of(Provenance.written(origin, version),
                    Provenance.constructs(origin, request.allowed()));
            RestoreOutcome outcome = restoreVersion(domain, version, origin.xml(), archiveChecks, confirm, from, started);
            if (!outcome.result().equals("defined") && !outcome.result().equals("failed")) {
                record(domain, version, from, started, outcome); // refused or dry run: libvirt was never asked
            }
            return outcome;
        }
    }

    private RestoreOutcome restoreVersion(DomainRef domain, int version, String archived, List<RestoreCheck> archiveChecks,
                                          Predicate<String> confirm, HostDao.HostState from, Instant started) {
        List<RestoreCheck> checks = new ArrayList<>(archiveChecks);
        checks.add(notDefinedOnTarget(domain));
        TargetPreparation.Prepared prepared = TargetPreparation.prepare(archived, target, request.mappings());
        checks.addAll(prepared.checks());
        if (checks.stream().allMatch(RestoreCheck::ok)) {
            checks.add(sameAbi("libvirt-abi", archived, prepared.xml(), "the definition to be defined"));
        }
        String uuid = domain.uuid().toString();
        if (!checks.stream().allMatch(RestoreCheck::ok)) {
            return new RestoreOutcome(domain.name(), uuid, version, "refused", "a check failed: "
                    + checks.stream().filter(c -> !c.ok()).map(RestoreCheck::detail).findFirst().orElse(""),
                    checks, prepared.xml());
        }
        if (request.dryRun()) {
            return new RestoreOutcome(domain.name(), uuid, version, "dry-run", "every check passed; nothing defined",
                    checks, prepared.xml());
        }
        if (!confirm.test("Define " + domain.name() + " (" + uuid + ") version " + version + " from " + request.fromHost()
                + " on " + target.uri() + "?")) {
            return new RestoreOutcome(domain.name(), uuid, version, "refused", "not confirmed by the operator", checks,
                    prepared.xml());
        }
        long intent = database.jdbi().withExtension(RestoreDao.class, dao -> dao.recordIntent(domain.id(), version,
                from.id(), request.targetHost(), target.uri(), request.requestedBy(), started, Json.write(checks)));
        RestoreOutcome outcome = defineAndProve(domain, version, archived, prepared, checks);
        complete(intent, domain, from, outcome);
        return outcome;
    }

    /** The attempt's final result and, when defined, the domain's move: one transaction after libvirt answered. */
    private void complete(long intent, DomainRef domain, HostDao.HostState from, RestoreOutcome outcome) {
        database.jdbi().useTransaction(handle -> {
            handle.attach(RestoreDao.class).complete(intent, Json.write(outcome.checks()), outcome.result(),
                    outcome.message());
            if (outcome.result().equals("defined")) {
                long targetHost = handle.attach(HostDao.class).ensure(request.targetHost());
                handle.attach(DomainDao.class).move(domain.id(), from.id(), targetHost, Instant.now());
            }
        });
    }

    private RestoreOutcome defineAndProve(DomainRef domain, int version, String archived,
                                          TargetPreparation.Prepared prepared, List<RestoreCheck> checks) {
        String uuid = domain.uuid().toString();
        try {
            Domain defined = target.connect().domainDefineXML(prepared.xml());
            RestoreCheck proof = sameAbi("proof", archived, defined.getXMLDesc(2), "read back from the target");
            checks.add(proof);
            if (!proof.ok()) {
                return new RestoreOutcome(domain.name(), uuid, version, "failed", "libvirt on the target changed "
                        + "guest-visible fields (" + proof.detail() + "); " + undefineUnproven(defined, uuid), checks,
                        prepared.xml());
            }
            return new RestoreOutcome(domain.name(), uuid, version, "defined", "defined on " + target.uri()
                    + " with every guest-visible field as archived", checks, prepared.xml());
        } catch (LibvirtException e) {
            checks.add(RestoreCheck.fail("define", LibvirtErrors.message(e)));
            return new RestoreOutcome(domain.name(), uuid, version, "failed", "libvirt refused the definition: "
                    + LibvirtErrors.message(e), checks, prepared.xml());
        }
    }

    /**
     * {@code xml} against the archived version: libvirt's own ABI check on the target when it is a local QEMU driver
     * (otherwise, or when it cannot answer, the rules, and the detail says so). Fails on any guest-visible finding.
     */
    private RestoreCheck sameAbi(String name, String archived, String xml, String what) {
        JudgedComparison judged;
        try (SaveImageJudge judge = SaveImageJudge.open(target.uri(), judgeDir,
                SaveImageJudge.DEFAULT_TIMEOUT)) {
            judged = JudgedComparison.of(archived, xml, Optional.of(judge));
        }
        List<Finding> visible = judged.findings().stream().filter(Finding::guestVisible).toList();
        if (!visible.isEmpty()) {
            return RestoreCheck.fail(name, what + " is not the archived guest ABI (" + judged.judgeLine() + "): " + visible);
        }
        return RestoreCheck.pass(name, what + ": the archived guest ABI (" + judged.judgeLine() + ")");
    }

    /** Undefines a definition that failed its proof, retrying; says plainly when it could not. */
    private String undefineUnproven(Domain defined, String uuid) {
        LibvirtException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                defined.undefine();
                return "the definition was undefined again";
            } catch (LibvirtException e) {
                last = e;
            }
        }
        return "the definition could NOT be undefined (" + LibvirtErrors.message(last) + "): remove it before "
                + "anything starts it: virsh -c " + target.uri() + " undefine " + uuid;
    }

    private RestoreCheck notDefinedOnTarget(DomainRef domain) {
        for (String how : List.of("uuid", "name")) {
            try {
                Domain existing = how.equals("uuid") ? target.connect().domainLookupByUUIDString(domain.uuid().toString())
                        : target.connect().domainLookupByName(domain.name());
                return RestoreCheck.fail("not-defined", domain.name() + " is already defined on the target (by "
                        + how + ": " + existing.getName() + "); two definitions of one guest are never made");
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isNoDomain(e)) {
                    return RestoreCheck.fail("not-defined", "cannot look it up on the target: " + LibvirtErrors.message(e));
                }
            }
        }
        return RestoreCheck.pass("not-defined", "neither its UUID nor its name is defined on the target");
    }

    private int version(DomainRef domain) {
        DomainVersionDao versions = database.jdbi().onDemand(DomainVersionDao.class);
        if (request.version().isEmpty()) {
            return versions.latest(domain.id(), "inactive").orElseThrow(
                    () -> new AbiguardException(domain.name() + " has no archived definition"));
        }
        int wanted = request.version().get();
        String kind = versions.kindOf(domain.id(), wanted).orElseThrow(
                () -> new AbiguardException(domain.name() + " has no version " + wanted));
        if (!kind.equals("inactive")) {
            throw new AbiguardException("version " + wanted + " of " + domain.name() + " is live XML; restore defines "
                    + "inactive versions only");
        }
        return wanted;
    }

    private HostDao.HostState sourceHost() {
        return database.jdbi().withExtension(HostDao.class, dao -> dao.state(request.fromHost())).orElseThrow(
                () -> new AbiguardException("no host named '" + request.fromHost() + "' in the archive"));
    }

    private void requireDown(HostDao.HostState host) {
        if (host.markedDownAt() != null) {
            return;
        }
        Instant lastSign = host.lastHeartbeatAt() != null ? host.lastHeartbeatAt() : host.lastPassAt();
        Duration silent = lastSign == null ? Duration.ofDays(36500) : Duration.between(lastSign, host.databaseNow());
        if (silent.compareTo(request.heartbeatThreshold()) < 0) {
            throw new AbiguardException("host " + host.name() + " is not known to be down: its last heartbeat was "
                    + silent.toSeconds() + " s ago (threshold " + request.heartbeatThreshold().toMinutes() + " min). "
                    + "If it is lost, say so first: abiguard host mark-down " + host.name() + " --reason '...'");
        }
    }

    private void record(DomainRef domain, int version, HostDao.HostState from, Instant started, RestoreOutcome outcome) {
        database.jdbi().useExtension(RestoreDao.class, dao -> dao.record(domain.id(), version, from.id(),
                request.targetHost(), target.uri(), request.requestedBy(), started, Json.write(outcome.checks()),
                outcome.result(), outcome.message()));
    }
}
