package org.abiguard.drift;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The one category of a finding (PRODUCT.md). Every category but {@link #HOST_CONFIG} is guest-visible:
 * libvirt's ABI check refuses a pair that differs in it.
 */
public enum Category {
    DEVICE_ADDRESS("device-address", Severity.CRITICAL),
    DEVICE_ORDER("device-order", Severity.CRITICAL),
    MACHINE_TYPE("machine-type", Severity.CRITICAL),
    CPU_MODEL("cpu-model", Severity.CRITICAL),
    DEVICE_MODEL("device-model", Severity.CRITICAL),
    DEVICE_ADDED("device-added", Severity.WARNING),
    DEVICE_REMOVED("device-removed", Severity.CRITICAL),
    GUEST_VISIBLE_OTHER("guest-visible-other", Severity.WARNING),
    HOST_CONFIG("host-config", Severity.INFO);

    private final String label;
    private final Severity severity;

    Category(String label, Severity severity) {
        this.label = label;
        this.severity = severity;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public Severity severity() {
        return severity;
    }

    public boolean guestVisible() {
        return this != HOST_CONFIG;
    }

    public static Category fromLabel(String label) {
        for (Category c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category " + label);
    }
}
