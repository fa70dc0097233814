package org.abiguard.archive;

import java.time.Instant;

/**
 * What one snapshot pass did. {@code outcome} is "ok", or "partial" when domains vanished while being
 * read (they are retried by the next pass).
 */
public record PassSummary(
        Instant startedAt,
        Instant finishedAt,
        long durationMs,
        int domainsSeen,
        int domainsRunning,
        int versionsAdded,
        int domainsGone,
        int domainsSkipped,
        String outcome) {
}
