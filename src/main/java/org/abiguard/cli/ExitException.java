package org.abiguard.cli;

/** Ends a command with a given exit code and a one-line message on stderr (empty: nothing printed). */
public final class ExitException extends RuntimeException {
    private final int exitCode;

    public ExitException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
