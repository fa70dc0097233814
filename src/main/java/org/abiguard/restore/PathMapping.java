package org.abiguard.restore;

import org.abiguard.AbiguardException;

/**
 * {@code --map-path OLD=NEW}: storage paths beginning with {@code OLD} begin with {@code NEW} on the
 * target (a different mount of the same shared storage). Host-side only: paths are not guest ABI.
 */
public record PathMapping(String from, String to) {
    public static PathMapping parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1 || !spec.startsWith("/") || spec.charAt(eq + 1) != '/') {
            throw new AbiguardException("--map-path takes OLD=NEW with two absolute paths, got '" + spec + "'");
        }
        return new PathMapping(spec.substring(0, eq), spec.substring(eq + 1));
    }

    /** {@code path} with this mapping's prefix replaced, or unchanged when it does not start with it. */
    public String apply(String path) {
        boolean matches = path.equals(from) || path.startsWith(from.endsWith("/") ? from : from + "/");
        return matches ? to + path.substring(from.length()) : path;
    }
}
