package org.abiguard.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.libvirt.LibvirtConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot pass that survives the database being away: with a database, spooled passes replay
 * first (in order), then this pass is written; without one, or when the connection drops before the
 * commit, the observation goes to the {@link Spool} and nothing is lost. Not thread-safe.
 */
public final class SpoolingPass {
    private static final Logger log = LoggerFactory.getLogger(SpoolingPass.class);

    /** What happened: the pass written (empty when spooled), replays before it, and the spool file. */
    public record Outcome(Optional<PassSummary> pass, int replayed, Optional<Path> spooledTo, int waiting) {
    }

    private SpoolingPass() {
    }

    public static Outcome run(Optional<Database> database, String hostName, List<LibvirtConnection> connections,
                              PassHooks hooks, Spool spool) {
        if (database.isEmpty()) {
            HostObservation observation = new SnapshotPass(null, hostName, hooks).observe(connections);
            return spooled(spool, observation, 0);
        }
        SnapshotPass pass = new SnapshotPass(database.get().jdbi(), hostName, hooks);
        int replayed = 0;
        try {
            replayed = spool.replay(pass::write);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailableException.isConnectionLoss(e)) {
                throw e;
            }
            log.warn("database lost while replaying the spool: {}", e.getMessage());
        }
        HostObservation observation = pass.observe(connections);
        try {
            return new Outcome(Optional.ofNullable(pass.write(observation)), replayed, Optional.empty(), 0);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailableException.isConnectionLoss(e)) {
                throw e;
            }
            log.warn("database lost during the pass ({}); spooling it", AbiguardException.rootMessage(e));
            return spooled(spool, observation, replayed);
        }
    }

    private static Outcome spooled(Spool spool, HostObservation observation, int replayed) {
        Path file = spool.add(observation);
        return new Outcome(Optional.empty(), replayed, Optional.of(file), spool.pending().size());
    }

}
