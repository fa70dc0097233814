package org.abiguard.schedule;

import java.io.ObjectInputFilter;

/**
 * The JVM-wide filter for Java deserialisation, installed before Quartz starts: Quartz's JDBC store reads
 * serialised objects (calendars, trigger state) from tables every fleet daemon shares, so whatever one
 * writer put there must not be able to instantiate arbitrary classes in another. Allowed: the JDK's
 * java.lang, java.util, java.math and java.time types and Quartz's own; everything else is rejected, as are
 * graphs deeper than {@value #MAX_DEPTH}, with more than {@value #MAX_REFERENCES} references or over 1 MiB.
 * A filter set before (e.g. {@code -Djdk.serialFilter}) is left in place: the operator chose it.
 */
public final class DeserializationFilter {
    static final int MAX_DEPTH = 20;
    static final int MAX_REFERENCES = 10_000;
    static final String PATTERN = "maxdepth=" + MAX_DEPTH + ";maxrefs=" + MAX_REFERENCES + ";maxbytes=1048576;"
            + "java.lang.*;java.util.*;java.math.*;java.time.*;org.quartz.**;!*";

    private DeserializationFilter() {
    }

    /** Idempotent; thread-safe (the JDK's own lock). */
    public static synchronized void install() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(PATTERN));
        }
    }
}
