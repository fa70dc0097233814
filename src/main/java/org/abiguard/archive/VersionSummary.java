package org.abiguard.archive;

import java.time.Instant;

/** One archived version as {@code history} lists it (field names are the JSON contract). */
public record VersionSummary(int version, String kind, String sha256, Instant firstSeen, Instant lastSeen, String host) {
}
