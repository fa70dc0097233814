package org.abiguard.preflight;

/**
 * A drift finding a regenerated definition would produce on the target, in the drift categories
 * ({@code machine-type}, {@code cpu-model}), with why it is expected.
 */
public record ExpectedFinding(String category, String xpath, String before, String after, String why) {
}
