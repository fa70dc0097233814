package org.abiguard.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.libvirt.LibvirtConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot pass that survives the database being away. libvirt is read first; then, holding the spool
 * ({@link SpoolLock}), spooled passes replay in order and only when all of them are archived is this pass
 * written; if the database is away, or drops before a commit, this pass joins the spool behind the others.
 * So the archive receives passes in the order they were observed, each once. Thread-safe (the spool lock
 * serialises passes of one state directory).
 */
public final class SpoolingPass {
    private static final Logger log = LoggerFactory.getLogger(SpoolingPass.class);

    /**
     * What happened: the pass written (empty when spooled), replays before it, unreadable spool entries moved
     * to {@code spool/quarantine}, and the spool file.
     */
    public record Outcome(Optional<PassSummary> pass, int replayed, int quarantined, Optional<Path> spooledTo,
                          int waiting) {
    }

    private SpoolingPass() {
    }

    public static Outcome run(Optional<Database> database, String hostName, List<LibvirtConnection> connections,
                              PassHooks hooks, Spool spool) {
        SnapshotPass pass = new SnapshotPass(database.map(Database::jdbi).orElse(null), hostName, hooks);
        HostObservation observation = pass.observe(connections);
        try (SpoolLock held = spool.lock()) {
            if (database.isEmpty()) {
                return spooled(spool, observation, 0);
            }
            int replayed;
            try {
                replayed = spool.replay(pass::write);
            } catch (RuntimeException e) {
                if (!DatabaseUnavailableException.isConnectionLoss(e)) {
                    throw e;
                }
                log.warn("database lost while replaying the spool ({}); this pass waits behind it",
                        AbiguardException.rootMessage(e));
                return spooled(spool, observation, 0);
            }
            try {
                return new Outcome(Optional.ofNullable(pass.write(observation)), replayed, spool.quarantined(),
                        Optional.empty(), 0);
            } catch (RuntimeException e) {
                if (!DatabaseUnavailableException.isConnectionLoss(e)) {
                    throw e;
                }
                log.warn("database lost during the pass ({}); spooling it", AbiguardException.rootMessage(e));
                return spooled(spool, observation, replayed);
            }
        }
    }

    private static Outcome spooled(Spool spool, HostObservation observation, int replayed) {
        Path file = spool.add(observation);
        return new Outcome(Optional.empty(), replayed, spool.quarantined(), Optional.of(file), spool.pending().size());
    }
}
