package org.abiguard.drift;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgently a person should look: critical changes what the guest's OS keys hardware identity on. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
