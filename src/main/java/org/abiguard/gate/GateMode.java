package org.abiguard.gate;

import java.util.Locale;

/**
 * What the hook does with guest-visible drift: {@code warn} lets the guest start and records it,
 * {@code enforce} refuses the start, {@code off} does not judge (a per-domain exception).
 */
public enum GateMode {
    WARN, ENFORCE, OFF;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GateMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.abiguard.AbiguardException("unknown gate mode '" + text + "': warn, enforce or off");
        }
    }
}
