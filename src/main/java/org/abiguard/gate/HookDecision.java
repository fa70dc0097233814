package org.abiguard.gate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.abiguard.drift.DomainDocument;
import org.abiguard.drift.DriftEngine;
import org.abiguard.drift.Finding;
import org.abiguard.PrintableText;

/**
 * The decision libvirt's qemu hook asks for before a guest starts ({@code prepare begin}), migrates in
 * ({@code migrate begin}) or is restored ({@code restore begin}): the XML libvirt is about to run, compared
 * with the domain's cached baseline by UUID. Uses only the state directory: never the database, never
 * libvirt (libvirtd waits for the hook; calling it back would deadlock). Fails open: when anything of
 * abiguard's own goes wrong the guest starts and the failure is said loudly and journalled. Thread-safe.
 */
public final class HookDecision {
    private static final Set<String> JUDGED = Set.of("prepare", "migrate", "restore");

    /** What the hook process does: its exit code and what it prints on stderr (libvirt shows it). */
    public record Outcome(int exitCode, String message) {
        static Outcome allow() {
            return new Outcome(0, "");
        }
    }

    private final Path stateDir;

    public HookDecision(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Outcome decide(String name, String operation, String subOperation, String xml) {
        if (!JUDGED.contains(operation) || !"begin".equals(subOperation)) {
            return Outcome.allow();
        }
        UUID uuid = null;
        String mode = "warn";
        try {
            Optional<GateSettings> settings = GateSettings.read(stateDir);
            uuid = domainUuid(xml);
            UUID domainUuid = uuid;
            GateMode gateMode = settings.map(s -> s.modeFor(domainUuid.toString())).orElse(GateMode.WARN);
            mode = gateMode.label();
            if (gateMode == GateMode.OFF) {
                return journal(uuid, name, operation, mode, "allowed", List.of(), Outcome.allow());
            }
            Optional<BaselineCache.Entry> baseline = new BaselineCache(stateDir).read(uuid);
            if (baseline.isEmpty()) {
                return journal(uuid, name, operation, mode, "first-boot", List.of(), Outcome.allow());
            }
            if (sameText(baseline.get().xml(), xml)) {
                // The baseline itself, as libvirt wrote it (it adds only the domain id): nothing to compare.
                return journal(uuid, name, operation, mode, "allowed", List.of(), Outcome.allow());
            }
            DomainDocument current = DomainDocument.parse(xml, "the XML libvirt passed for " + PrintableText.of(name));
            List<Finding> visible = DriftEngine.compare(DomainDocument.parse(baseline.get().xml(), "the cached baseline"),
                    current).stream().filter(Finding::guestVisible).toList();
            List<String> lines = visible.stream().map(HookDecision::line).toList();
            if (visible.isEmpty()) {
                return journal(uuid, name, operation, mode, "allowed", lines, Outcome.allow());
            }
            if (gateMode == GateMode.WARN) {
                return journal(uuid, name, operation, mode, "warned", lines, new Outcome(0, "abiguard: warning: "
                        + PrintableText.of(name) + " starts with " + visible.size() + " guest-visible change(s) from"
                        + " its baseline (gate in warn mode)\n"));
            }
            return journal(uuid, name, operation, mode, "refused", lines,
                    new Outcome(1, refusal(name, uuid, baseline.get().version(), lines)));
        } catch (RuntimeException | IOException e) {
            String why = PrintableText.of(String.valueOf(e.getMessage()));
            try {
                return journal(uuid == null ? new UUID(0, 0) : uuid, name, operation, mode, "failed-open",
                        List.of(why), failedOpen(name, why));
            } catch (RuntimeException journalFailed) {
                return failedOpen(name, why + "; the journal failed too: " + journalFailed.getMessage());
            }
        }
    }

    private static final java.util.regex.Pattern UUID_ELEMENT = java.util.regex.Pattern.compile("<uuid>\\s*([0-9a-fA-F-]{36})\\s*</uuid>");
    private static final java.util.regex.Pattern ROOT_ID = java.util.regex.Pattern.compile("^(\\s*<domain\\b[^>]*?) id=['\"]\\d+['\"]");

    /** The domain's UUID: libvirt writes it as the second child of {@code <domain>}, before any device. */
    private static UUID domainUuid(String xml) {
        java.util.regex.Matcher m = UUID_ELEMENT.matcher(xml);
        if (!m.find()) {
            throw new IllegalArgumentException("the XML libvirt passed has no <uuid>");
        }
        return UUID.fromString(m.group(1));
    }

    /** True when {@code xml} is the baseline's text but for the running domain's id and surrounding whitespace. */
    private static boolean sameText(String baseline, String xml) {
        return ROOT_ID.matcher(xml).replaceFirst("$1").strip().equals(baseline.strip());
    }

    private static Outcome failedOpen(String name, String why) {
        return new Outcome(0, "abiguard: ERROR: the gate could not judge " + PrintableText.of(name) + " (" + why
                + "); it is allowed to start (the gate fails open)\n");
    }

    private Outcome journal(UUID uuid, String name, String operation, String mode, String verdict, List<String> findings,
                            Outcome outcome) {
        try {
            new Journal(stateDir).append(new Decision(UUID.randomUUID(), Instant.now(), uuid, PrintableText.of(name),
                    operation, mode, verdict, findings));
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to the gate journal: " + e.getMessage(), e);
        }
        return outcome;
    }

    private static String line(Finding f) {
        return f.category().label() + " " + f.device() + ": " + (f.before() == null ? "(none)" : f.before()) + " -> "
                + (f.after() == null ? "(none)" : f.after());
    }

    private static String refusal(String name, UUID uuid, int version, List<String> lines) {
        String shown = PrintableText.of(name);
        StringBuilder out = new StringBuilder("abiguard: refusing to start " + shown + " (" + uuid + "): the guest"
                + " would see hardware other than its baseline (version " + version + "):\n");
        lines.forEach(l -> out.append("  ").append(PrintableText.of(l)).append('\n'));
        out.append("Accept the change as the new baseline: abiguard accept ").append(uuid).append(" --reason '...'\n");
        out.append("or put the baseline's hardware back:   abiguard repin ").append(uuid).append(" --out /root/")
                .append(uuid).append(".xml && virsh define /root/").append(uuid).append(".xml\n");
        return out.toString();
    }
}
