package org.abiguard.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps in text output: UTC, to the second; JSON keeps full precision. */
final class TextTimes {
    private TextTimes() {
    }

    static String of(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
