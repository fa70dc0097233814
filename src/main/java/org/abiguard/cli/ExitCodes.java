package org.abiguard.cli;

/**
 * Every exit code abiguard uses, mapped from exceptions in one place ({@link Main}); the contract other tools
 * depend on (README, "Commands" and "Exit codes"). A signal's second delivery exits 128 + its number.
 */
public final class ExitCodes {
    /** Done; for drift/compare: nothing guest-visible. */
    public static final int OK = 0;
    /** drift --exit-code / compare: guest-visible drift found. */
    public static final int DRIFT = 1;
    /** Any error: bad input, unreachable libvirt or database, refused operation. */
    public static final int ERROR = 2;

    private ExitCodes() {
    }
}
