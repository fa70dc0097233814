package org.abiguard.drift;

import java.util.List;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.archive.DomainDao;
import org.abiguard.archive.DomainRef;
import org.abiguard.archive.DomainVersionDao;
import org.abiguard.Json;
import org.jdbi.v3.core.Jdbi;

/**
 * Accepting a domain's latest inactive version as its baseline, in one transaction: the findings it
 * closes are computed and recorded with who, when and why. Thread-safe.
 */
public final class Baselines {
    private final Jdbi jdbi;

    public Baselines(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What an acceptance did; {@code closed} is empty and {@code recorded} false when nothing was open. */
    public record Acceptance(DomainRef domain, int version, List<DriftFinding> closed, boolean recorded) {
    }

    public Acceptance accept(String domainRef, String who, String reason) {
        return jdbi.inTransaction(handle -> {
            DomainRef ref = handle.attach(DomainDao.class).require(domainRef);
            int latest = handle.attach(DomainVersionDao.class).latest(ref.id(), "inactive").orElseThrow(
                    () -> new AbiguardException("domain '" + ref.name() + "' has no archived definition"));
            DriftDao drift = handle.attach(DriftDao.class);
            Integer baseline = drift.baselineVersion(ref.id());
            if (baseline != null && baseline == latest) {
                return new Acceptance(ref, latest, List.of(), false);
            }
            List<DriftFinding> closed = new ArchiveDrift(jdbi).open(handle,
                    new DriftFilter(Optional.of(ref.uuid().toString()), Optional.empty(), Optional.empty()))
                    .stream().filter(f -> !f.context().contains(ContextEvent.PENDING_COLD_BOOT))
                    .toList();
            drift.accept(ref.id(), latest, who, reason == null || reason.isBlank() ? "(no reason given)" : reason,
                    Json.write(closed));
            return new Acceptance(ref, latest, closed, true);
        });
    }
}
