package org.abiguard.libvirt;

import java.util.Optional;

/**
 * libvirt's answer to "is CURRENT the same guest ABI as BASE?" ({@link SaveImageJudge}).
 *
 * @param outcome  {@link Outcome#ACCEPTED}, {@link Outcome#REFUSED}, or {@link Outcome#UNJUDGED} when libvirt could
 *                 not be asked or could not parse one side (then the rules judge and {@code message} says why)
 * @param judge    who answered: {@code "libvirt 9.0.0"} (the daemon's version); {@code "rules"} when unjudged
 * @param message  libvirt's refusal, or why it could not judge; null when accepted
 */
public record AbiVerdict(Outcome outcome, String judge, String message) {
    /** The judge label of findings nobody but the rules decided. */
    public static final String RULES = "rules";

    public enum Outcome {
        ACCEPTED, REFUSED, UNJUDGED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The outcome a stored label names; unknown labels are refused loudly (a newer writer's data). */
        public static Outcome of(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static AbiVerdict accepted(String judge) {
        return new AbiVerdict(Outcome.ACCEPTED, judge, null);
    }

    public static AbiVerdict refused(String judge, String message) {
        return new AbiVerdict(Outcome.REFUSED, judge, message);
    }

    /** libvirt could not answer; {@code why} is said wherever the rules' verdict is shown instead. */
    public static AbiVerdict unjudged(String why) {
        return new AbiVerdict(Outcome.UNJUDGED, RULES, why);
    }

    public boolean judgedByLibvirt() {
        return outcome != Outcome.UNJUDGED;
    }

    /** Why the rules judged, when they did. */
    public Optional<String> unjudgedReason() {
        return outcome == Outcome.UNJUDGED ? Optional.ofNullable(message) : Optional.empty();
    }
}
