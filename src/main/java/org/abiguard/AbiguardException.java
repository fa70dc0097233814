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
}
