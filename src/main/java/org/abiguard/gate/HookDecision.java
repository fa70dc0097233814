package org.abiguard.gate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.abiguard.drift.DomainDocument;
import org.abiguard.drift.JudgedComparison;
import org.abiguard.drift.Finding;
import org.abiguard.PrintableText;
import org.abiguard.libvirt.SaveImageJudge;

/**
 * The decision libvirt's qemu hook asks for before a guest starts ({@code prepare begin}), migrates in
 * ({@code migrate begin}) or is restored ({@code restore begin}): the XML libvirt is about to run, compared
 * with the domain's cached baseline by UUID. libvirt's own ABI check judges the pair ({@link SaveImageJudge} on
 * qemu:///system, the only daemon that runs hooks), bounded by {@link #JUDGE_TIMEOUT}: libvirtd waits for the hook,
 * and when its workers are all busy starting guests the question cannot be answered, so after the timeout the rules
 * judge and the decision says so. A start therefore never waits longer than the timeout for the judge. Never the
 * database. Fails open: when anything of abiguard's own goes wrong the guest starts and the failure is said loudly
 * and journalled. Thread-safe.
 */
public final class HookDecision {
    private static final Set<String> JUDGED = Set.of("prepare", "migrate", "restore");

    /** What the hook process does: its exit code and what it prints on stderr (libvirt shows it). */
    public record Outcome(int exitCode, String message) {
        static Outcome allow() {
            return new Outcome(0, "");
        }
    }

    /** Bound on the hook's question to libvirt, connection included (default; the gate's starts wait at most this). */
    public static final java.time.Duration JUDGE_TIMEOUT = java.time.Duration.ofMillis(1500);
    /** Hooks run only in the system daemon. */
    static final String JUDGE_URI = "qemu:///system";
    /** The judge label of decisions that needed no comparison (the baseline's own text, first boot, off). */
    static final String NOT_COMPARED = "none";

    private final Path stateDir;
    private final String judgeUri;
    private final java.time.Duration judgeTimeout;

    public HookDecision(Path stateDir) {
        this(stateDir, JUDGE_URI, JUDGE_TIMEOUT);
    }

    /** With another judge URI or timeout: tests of a daemon that never answers. */
    public HookDecision(Path stateDir, String judgeUri, java.time.Duration judgeTimeout) {
        this.stateDir = stateDir;
        this.judgeUri = judgeUri;
        this.judgeTimeout = judgeTimeout;
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
                return journal(uuid, name, operation, mode, "allowed", List.of(), NOT_COMPARED, Outcome.allow());
            }
            Optional<BaselineCache.Entry> baseline = new BaselineCache(stateDir).read(uuid);
            if (baseline.isEmpty()) {
                return journal(uuid, name, operation, mode, "first-boot", List.of(), NOT_COMPARED, Outcome.allow());
            }
            if (sameText(baseline.get().xml(), xml)) {
                // The baseline itself, as libvirt wrote it (it adds only the domain id): nothing to compare.
                return journal(uuid, name, operation, mode, "allowed", List.of(), NOT_COMPARED, Outcome.allow());
            }
            DomainDocument current = DomainDocument.parse(xml, "the XML libvirt passed for " + PrintableText.of(name));
            DomainDocument base = DomainDocument.parse(baseline.get().xml(), "the cached baseline");
            JudgedComparison judged;
            try (SaveImageJudge judge = SaveImageJudge.open(judgeUri, SaveImageJudge.workDir(stateDir), judgeTimeout)) {
                judged = JudgedComparison.of(base, baseline.get().xml(), current, xml, Optional.of(judge));
            }
            List<Finding> visible = judged.findings().stream().filter(Finding::guestVisible).toList();
            List<String> lines = visible.stream().map(HookDecision::line).toList();
            String judgedBy = judged.verdict().judge();
            String note = judged.verdict().judgedByLibvirt() ? ""
                    : "abiguard: " + PrintableText.of(judged.judgeLine()) + "\n";
            if (visible.isEmpty()) {
                return journal(uuid, name, operation, mode, "allowed", lines, judgedBy, Outcome.allow());
            }
            if (gateMode == GateMode.WARN) {
                return journal(uuid, name, operation, mode, "warned", lines, judgedBy, new Outcome(0, "abiguard: warning: "
                        + PrintableText.of(name) + " starts with " + visible.size() + " guest-visible change(s) from"
                        + " its baseline (gate in warn mode, " + PrintableText.of(judgedBy) + ")\n" + note));
            }
            return journal(uuid, name, operation, mode, "refused", lines, judgedBy,
                    new Outcome(1, refusal(name, uuid, baseline.get().version(), lines, judged)));
        } catch (RuntimeException | IOException e) {
            String why = PrintableText.of(String.valueOf(e.getMessage()));
            try {
                return journal(uuid == null ? new UUID(0, 0) : uuid, name, operation, mode, "failed-open",
                        List.of(why), NOT_COMPARED, failedOpen(name, why));
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
                            String judge, Outcome outcome) {
        try {
            new Journal(stateDir).append(new Decision(UUID.randomUUID(), Instant.now(), uuid, PrintableText.of(name),
                    operation, mode, verdict, findings, judge));
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to the gate journal: " + e.getMessage(), e);
        }
        return outcome;
    }

    private static String line(Finding f) {
        return f.category().label() + " " + f.device() + ": " + (f.before() == null ? "(none)" : f.before()) + " -> "
                + (f.after() == null ? "(none)" : f.after());
    }

    private static String refusal(String name, UUID uuid, int version, List<String> lines, JudgedComparison judged) {
        String shown = PrintableText.of(name);
        StringBuilder out = new StringBuilder("abiguard: refusing to start " + shown + " (" + uuid + "): the guest"
                + " would see hardware other than its baseline (version " + version + "; "
                + PrintableText.of(judged.judgeLine()) + "):\n");
        lines.forEach(l -> out.append("  ").append(PrintableText.of(l)).append('\n'));
        out.append("Accept the change as the new baseline: abiguard accept ").append(uuid).append(" --reason '...'\n");
        out.append("or put the baseline's hardware back:   abiguard repin ").append(uuid).append(" --out /root/")
                .append(uuid).append(".xml && virsh define /root/").append(uuid).append(".xml\n");
        return out.toString();
    }
}
