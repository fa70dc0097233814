package org.abiguard.report;

import java.time.Duration;
import java.time.Instant;

/** "4 min ago", "3 h ago", "2 d ago": ages for people. */
final class Ages {
    private Ages() {
    }

    static String since(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        return age.toDays() < 2 ? age.toHours() + " h ago" : age.toDays() + " d ago";
    }
}
