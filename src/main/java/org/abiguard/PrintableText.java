package org.abiguard;

/**
 * Text from libvirt or the archive made safe for a terminal, a log line or a Markdown table: every C0 and
 * C1 control character and DEL (ESC, BEL, CR, ...) becomes a visible {@code \xNN} escape, so a domain
 * name can neither move the cursor, recolour the terminal nor start a new log line. Thread-safe.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /** {@code text} with control characters escaped; null stays null. Keeps newlines when {@code multiline}. */
    public static String of(String text, boolean multiline) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && !(multiline && c == '\n')) || (c >= 0x7f && c <= 0x9f);
            if (control) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** One line: every control character escaped, newlines included. */
    public static String of(String text) {
        return of(text, false);
    }
}
