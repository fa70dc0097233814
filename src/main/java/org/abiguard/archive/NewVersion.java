package org.abiguard.archive;

import java.time.Instant;

/** A version about to be stored; {@code kind} is "inactive" or "live". */
public record NewVersion(long domainId, int version, String kind, String sha256, String xml, Instant firstSeen,
                         long hostId, long passId) {
}
