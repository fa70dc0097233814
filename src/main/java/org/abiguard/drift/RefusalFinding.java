package org.abiguard.drift;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abiguard.libvirt.AbiVerdict;

/**
 * A finding made from libvirt's refusal when no rule explains it. libvirt words every ABI refusal as
 * "Target &lt;what&gt; &lt;value&gt; does not match source &lt;value&gt;", or "Target &lt;what&gt; doesn't match
 * source" without values (domain_conf.c, qemu_domain.c): the
 * category comes from what, before/after from the two values when the message has them. The message itself is in
 * {@code libvirt_message}. Stateless.
 */
final class RefusalFinding {
    private static final Pattern TARGET_SOURCE = Pattern.compile(
            "Target (.+?) '?([^' ]+?)'?\\s*(?:does not|doesn't) match source '?([^' ]+?)'?\\.?\\s*$");

    /** Keywords of libvirt's wording, first match wins; unmatched: guest-visible-other. */
    private static final List<Keyword> CATEGORIES = List.of(
            new Keyword("address", Category.DEVICE_ADDRESS),
            new Keyword("machine", Category.MACHINE_TYPE),
            new Keyword("arch", Category.MACHINE_TYPE),
            new Keyword("cpu model", Category.CPU_MODEL),
            new Keyword("cpu vendor", Category.CPU_MODEL),
            new Keyword("cpu feature", Category.CPU_MODEL),
            new Keyword("cpu check", Category.CPU_MODEL),
            new Keyword("topology", Category.CPU_MODEL),
            new Keyword("model", Category.DEVICE_MODEL),
            new Keyword("bus", Category.DEVICE_MODEL),
            new Keyword("type", Category.DEVICE_MODEL),
            new Keyword("device", Category.DEVICE_MODEL));

    private record Keyword(String word, Category category) {
    }

    private RefusalFinding() {
    }

    static Finding of(AbiVerdict verdict) {
        String message = verdict.message() == null ? "" : verdict.message();
        String text = message.replaceFirst("^unsupported configuration: ", "");
        Matcher m = TARGET_SOURCE.matcher(text);
        String what = m.find() ? m.group(1) : text.replaceFirst("^Target (.+?) (?:does not|doesn't) match source$", "$1");
        Category category = category(what.toLowerCase(Locale.ROOT), m.matches() ? m.group(2) : null,
                m.matches() ? m.group(3) : null);
        String before = m.matches() ? m.group(3) : null;
        String after = m.matches() ? m.group(2) : null;
        return new Finding(category, true, true, category.severity(), "libvirt's ABI check: " + what, "/domain",
                before, after, null, verdict.judge(), message);
    }

    private static Category category(String what, String after, String before) {
        if (what.contains("count") && after != null && before != null && after.matches("\\d+") && before.matches("\\d+")) {
            return Long.parseLong(after) > Long.parseLong(before) ? Category.DEVICE_ADDED : Category.DEVICE_REMOVED;
        }
        for (Keyword keyword : CATEGORIES) {
            if (what.contains(keyword.word())) {
                return keyword.category();
            }
        }
        return Category.GUEST_VISIBLE_OTHER;
    }
}
