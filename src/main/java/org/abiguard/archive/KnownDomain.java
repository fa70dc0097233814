package org.abiguard.archive;

import java.time.Instant;
import java.util.UUID;

/**
 * What the archive holds of one domain at the start of a pass: identity, place and the latest
 * version of each kind (ids and digests nullable when there is none; {@code *Open} is true while
 * that version is still current, i.e. its last_seen is null).
 */
public record KnownDomain(
        long id,
        UUID uuid,
        String name,
        long hostId,
        Instant goneSince,
        Long inactiveVersionId,
        String inactiveSha256,
        boolean inactiveOpen,
        Long liveVersionId,
        String liveSha256,
        boolean liveOpen,
        int maxVersion) {
}
