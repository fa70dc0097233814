package org.abiguard.gate;

import java.nio.file.Path;
import org.abiguard.archive.Database;
import org.abiguard.PrintableText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every archived pass (and {@code accept}): the hook's journal is imported into the archive and the
 * baseline cache brought up to date. Never fails the pass: a failure is logged and the next pass retries.
 * Thread-safe as long as passes of one state directory are serialised (the spool lock does that).
 */
public final class GateSync {
    private static final Logger log = LoggerFactory.getLogger(GateSync.class);

    private GateSync() {
    }

    public static void afterPass(Database database, String hostName, Path stateDir) {
        try {
            int imported = new Journal(stateDir).importInto(database.jdbi(), hostName);
            if (imported > 0) {
                log.info("imported {} gate decision(s) into the archive", imported);
            }
        } catch (Exception e) {
            log.warn("gate journal not imported this pass ({}); the next pass retries",
                    PrintableText.of(String.valueOf(e.getMessage())));
        }
        try {
            new BaselineCache(stateDir).refresh(database.jdbi(), hostName);
        } catch (RuntimeException e) {
            log.warn("gate baseline cache not refreshed this pass ({}); the gate judges with the previous one",
                    PrintableText.of(String.valueOf(e.getMessage())));
        }
    }
}
