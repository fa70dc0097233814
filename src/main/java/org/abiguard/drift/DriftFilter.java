package org.abiguard.drift;

import java.time.Instant;
import java.util.Optional;

/**
 * Which open findings to report: one domain (name or UUID), one host (where the domain is now), and
 * only those whose observed version was first seen at or after {@code since}. Empty means all.
 */
public record DriftFilter(Optional<String> domain, Optional<String> host, Optional<Instant> since) {
    public static final DriftFilter ALL = new DriftFilter(Optional.empty(), Optional.empty(), Optional.empty());
}
