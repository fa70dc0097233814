package org.abiguard.archive;

import org.abiguard.AbiguardException;

/**
 * The embedded database is held by another abiguard process. Commands that may simply skip a run
 * ({@code audit} from a timer while the daemon runs) catch this; others report it as an error.
 */
public final class DatabaseBusyException extends AbiguardException {
    public DatabaseBusyException(String message) {
        super(message);
    }
}
