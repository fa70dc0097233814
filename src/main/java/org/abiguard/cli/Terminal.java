package org.abiguard.cli;

import java.util.Map;

/**
 * Colour for the terminal view: only when stdout is a terminal, never when NO_COLOR is set to
 * anything non-empty (no-color.org) or TERM is "dumb".
 */
final class Terminal {
    static final String RED = "\u001b[31m";
    static final String DIM = "\u001b[2m";
    static final String BOLD = "\u001b[1m";
    static final String RESET = "\u001b[0m";

    private Terminal() {
    }

    static boolean useColour(boolean stdoutIsTerminal, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return stdoutIsTerminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    /** Whether this JVM's stdout is an interactive terminal. */
    static boolean stdoutIsTerminal() {
        return System.console() != null;
    }
}
