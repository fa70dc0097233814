package org.abiguard.restore;

/** One check a restore ran on the target before defining, and its result in words. */
public record RestoreCheck(String name, boolean ok, String detail) {
    static RestoreCheck pass(String name, String detail) {
        return new RestoreCheck(name, true, detail);
    }

    static RestoreCheck fail(String name, String detail) {
        return new RestoreCheck(name, false, detail);
    }
}
