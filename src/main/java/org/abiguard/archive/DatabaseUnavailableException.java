package org.abiguard.archive;

import java.sql.SQLException;
import org.abiguard.AbiguardException;

/**
 * The archive database does not answer (refused, unreachable, or the connection dropped mid-pass).
 * Passes then go to the {@link Spool}; other commands report it as an error.
 */
public final class DatabaseUnavailableException extends AbiguardException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when {@code e} comes from a lost or refused connection (SQLSTATE class 08, an administrator
     * shutdown 57P01..57P03) rather than from the statement itself; authentication failures (28xxx)
     * are configuration errors and do not count.
     */
    public static boolean isConnectionLoss(Throwable e) {
        boolean lost = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("28") || state.startsWith("3D")) {
                    return false; // wrong password or database: the pool's wrapper may say 08, the cause knows
                }
                lost |= state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
            }
        }
        return lost;
    }

    /**
     * While connecting: true when nothing answers (refused, no route, unknown host, connect timeout) or
     * PostgreSQL says it is starting or stopping; false when something else answers on that port (not a
     * PostgreSQL server: an error to fix, not an outage to spool through) or the login is wrong.
     */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException
                    || t instanceof java.net.UnknownHostException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("57P0")) {
                return true;
            }
        }
        return false;
    }
}
