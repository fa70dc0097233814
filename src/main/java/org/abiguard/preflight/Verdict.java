package org.abiguard.preflight;

/** What would happen to one guest on the target, worst first; {@link #label} is the contract's spelling. */
public enum Verdict {
    /** It cannot start there: a machine type, CPU model or feature, emulator or device model is missing. */
    BLOCKED("blocked"),
    /** It would start, but a definition regenerated there (alias machine type, host-model CPU) differs in guest ABI. */
    CHANGES_IF_REGENERATED("changes-if-regenerated"),
    SAFE("safe");

    public final String label;

    Verdict(String label) {
        this.label = label;
    }
}
