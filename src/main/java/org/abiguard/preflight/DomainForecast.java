package org.abiguard.preflight;

import java.util.List;
import java.util.UUID;
import org.abiguard.restore.RestoreCheck;

/**
 * One guest's verdict and its reasons: {@code blocking} are the failed target checks (worded as restore words its
 * refusals), {@code expected} the findings a regenerated definition would bring, {@code notes} what could not be
 * forecast.
 */
public record DomainForecast(UUID uuid, String name, String host, Verdict verdict, List<RestoreCheck> blocking,
                             List<ExpectedFinding> expected, List<String> notes) {
    public DomainForecast {
        blocking = List.copyOf(blocking);
        expected = List.copyOf(expected);
        notes = List.copyOf(notes);
    }
}
