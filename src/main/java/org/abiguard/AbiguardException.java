package org.abiguard;

/**
 * A failure the user can act on: its message is one line naming the cause (never a password),
 * printed to stderr by the CLI with exit code 2. Anything else escaping a command is a bug.
 */
public class AbiguardException extends RuntimeException {
    public AbiguardException(String message) {
        super(message);
    }

    public AbiguardException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Longest text echoed from libvirt, a parser or the database: a hostile input must not flood the terminal. */
    public static final int MAX_MESSAGE_CHARS = 300;

    /** {@code message} on one line and at most {@link #MAX_MESSAGE_CHARS} characters ("" for null). */
    public static String oneLine(String message) {
        String line = message == null ? "" : message.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_MESSAGE_CHARS ? line : line.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** The innermost cause's message on one line: wrappers (JDBI, the pool) say less than the driver. */
    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return oneLine(cause.getMessage() != null ? cause.getMessage() : cause.toString());
    }
}
