package org.abiguard.drift;

/** One row of a side-by-side excerpt: baseline line, current line ("" where absent), and whether it changed. */
public record ExcerptRow(String base, String current, boolean changed) {
}
