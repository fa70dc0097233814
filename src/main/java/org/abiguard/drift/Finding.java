package org.abiguard.drift;

import org.abiguard.libvirt.AbiVerdict;

/**
 * One difference between a baseline and a current domain XML, in the contract's shape (PRODUCT.md).
 *
 * @param guestVisible   the guest sees it: every {@code libvirtAbi} change, plus the changes libvirt's check
 *                       lets through that a guest demonstrably notices ({@code beyondLibvirt} says why)
 * @param libvirtAbi     libvirt's own ABI check ({@code virsh save-image-define}) refuses this change; decided by
 *                       {@code judge}
 * @param device         human words for the device ("disk vdb (file /path/disk.config)"), or the domain
 *                       element ("os", "cpu", "memory") for non-device fields
 * @param xpath          where in the current document (the baseline for removals), 1-based indexes
 * @param before         the baseline's value, or null when absent
 * @param after          the current value, or null when absent
 * @param beyondLibvirt  null, or why the guest notices a change libvirt's check does not cover
 * @param judge          who decided {@code libvirtAbi}: the host's libvirt ("libvirt 9.0.0") or, where none could be
 *                       asked, "rules"
 * @param libvirtMessage libvirt's refusal on a {@code libvirtAbi} finding it judged, else null
 */
public record Finding(Category category, boolean guestVisible, boolean libvirtAbi, Severity severity, String device,
                      String xpath, String before, String after, String beyondLibvirt, String judge,
                      String libvirtMessage) {

    /** A finding whose guest-visibility is libvirt's: guest-visible categories are libvirt ABI, host-config is not. */
    public static Finding of(Category category, String device, String xpath, String before, String after) {
        return new Finding(category, category.guestVisible(), category.guestVisible(), category.severity(), device,
                xpath, before, after, null, AbiVerdict.RULES, null);
    }

    /** A finding by {@code rule}: libvirt ABI, host-side, or guest-visible beyond libvirt's check. */
    static Finding of(Rule rule, String device, String xpath, String before, String after) {
        boolean beyond = rule.beyondLibvirt() != null;
        return new Finding(rule.category(), rule.category().guestVisible(), rule.category().guestVisible() && !beyond,
                beyond ? Severity.WARNING : rule.category().severity(), device, xpath, before, after,
                rule.beyondLibvirt(), AbiVerdict.RULES, null);
    }

    /** This finding as {@code judge} decided it. */
    Finding judged(Category newCategory, boolean visible, boolean abi, Severity newSeverity, String newJudge,
                   String message) {
        return new Finding(newCategory, visible, abi, newSeverity, device, xpath, before, after, beyondLibvirt,
                newJudge, message);
    }
}
