package org.abiguard.drift;

/**
 * How one changed field counts: its category and, for a guest-visible category, whether libvirt's ABI
 * check covers it ({@code beyondLibvirt == null}) or abiguard's own rule does (then the one-line reason
 * the guest notices it, shown to operators as "libvirt's check does not cover this: ...").
 */
record Rule(Category category, String beyondLibvirt) {
    static final Rule HOST = new Rule(Category.HOST_CONFIG, null);

    static Rule abi(Category category) {
        return new Rule(category, null);
    }

    static Rule beyond(Category category, String reason) {
        return new Rule(category, reason);
    }
}
