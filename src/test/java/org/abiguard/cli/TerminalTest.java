package org.abiguard.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colour only on a terminal, never with NO_COLOR or TERM=dumb. */
class TerminalTest {
    @Test
    void colourRules() {
        assertTrue(Terminal.useColour(true, Map.of()));
        assertTrue(Terminal.useColour(true, Map.of("NO_COLOR", "")), "an empty NO_COLOR does not count (no-color.org)");
        assertFalse(Terminal.useColour(true, Map.of("NO_COLOR", "1")));
        assertFalse(Terminal.useColour(true, Map.of("TERM", "dumb")));
        assertFalse(Terminal.useColour(false, Map.of()));
    }
}
