package org.abiguard.config;

import java.util.regex.Pattern;
import org.abiguard.AbiguardException;

/** What the archive accepts as a host name: printable, no whitespace, at most 253 characters. */
public final class HostNames {
    private static final Pattern VALID = Pattern.compile("[\\p{Alnum}._:\\-]{1,253}");

    private HostNames() {
    }

    public static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new AbiguardException("invalid host name '" + org.abiguard.PrintableText.of(name)
                    + "': use letters, digits, '.', '_', ':' or '-' (at most 253 characters)");
        }
        return name;
    }
}
