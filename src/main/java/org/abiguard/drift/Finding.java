package org.abiguard.drift;

/**
 * One difference between a baseline and a current domain XML, in the contract's shape (PRODUCT.md).
 *
 * @param device human words for the device ("disk vdb (file /path/disk.config)"), or the domain
 *               element ("os", "cpu", "memory") for non-device fields
 * @param xpath  where in the current document (the baseline for removals), 1-based indexes
 * @param before the baseline's value, or null when absent
 * @param after  the current value, or null when absent
 */
public record Finding(Category category, boolean guestVisible, Severity severity, String device, String xpath,
                      String before, String after) {

    public static Finding of(Category category, String device, String xpath, String before, String after) {
        return new Finding(category, category.guestVisible(), category.severity(), device, xpath, before, after);
    }
}
