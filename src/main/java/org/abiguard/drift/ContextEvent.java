package org.abiguard.drift;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a finding may have happened, from the host facts between its two versions: {@code host-upgrade}
 * (from/to: "QEMU 6.2.0" → "QEMU 7.2.0", or libvirt), {@code host-reboot}, {@code migrated} (from/to:
 * host names), {@code pending-cold-boot} (the running guest still has the old ABI), {@code unexplained}; and the
 * gate's decisions since the baseline ({@code start-refused}, {@code booted-with-drift}, with {@code at}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContextEvent(String event, String from, String to, java.time.Instant at) {
    public static final ContextEvent UNEXPLAINED = new ContextEvent("unexplained", null, null);
    public static final ContextEvent PENDING_COLD_BOOT = new ContextEvent("pending-cold-boot", null, null);

    public ContextEvent(String event, String from, String to) {
        this(event, from, to, null);
    }

    /** The gate's decision on this guest since its baseline: {@code start-refused} or {@code booted-with-drift} at T. */
    static ContextEvent gate(String verdict, java.time.Instant at) {
        return new ContextEvent(verdict.equals("refused") ? "start-refused" : "booted-with-drift", null, null, at);
    }

    /** The event in words, for people: "after host upgrade QEMU 6.2.0 → 7.2.0". */
    public String describe() {
        return switch (event) {
            case "host-upgrade" -> "after host upgrade " + from + " → " + to.substring(to.lastIndexOf(' ') + 1);
            case "host-reboot" -> "after a host reboot";
            case "migrated" -> "after moving from " + from + " to " + to;
            case "pending-cold-boot" -> "pending: the running guest changes at its next cold boot";
            case "start-refused" -> "start refused by the gate at " + at;
            case "booted-with-drift" -> "booted with this drift at " + at + " (gate in warn mode)";
            default -> "unexplained: no host upgrade, reboot or move in between";
        };
    }
}
