package org.abiguard.restore;

import java.util.List;

/**
 * What a restore of one domain did: {@code result} is defined, dry-run, refused or failed; {@code xml}
 * is the definition as it was (or, for a dry run, would be) given to the target.
 */
public record RestoreOutcome(String domain, String uuid, int version, String result, String message,
                             List<RestoreCheck> checks, String xml) {
    public boolean succeeded() {
        return result.equals("defined") || result.equals("dry-run");
    }
}
