package org.abiguard.gate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.abiguard.drift.PassVerdicts;
import org.abiguard.libvirt.SaveImageJudge;
import org.abiguard.archive.Database;
import org.abiguard.PrintableText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every archived pass (and {@code accept}): the host's libvirt judges the versions that need a verdict
 * ({@link PassVerdicts}), the hook's journal is imported into the archive and the baseline cache brought up to date.
 * Never fails the pass: a failure is logged and the next pass retries.
 * Thread-safe as long as passes of one state directory are serialised (the spool lock does that).
 */
public final class GateSync {
    private static final Logger log = LoggerFactory.getLogger(GateSync.class);

    private GateSync() {
    }

    /** {@code libvirtUris}: the pass's URIs; the first local QEMU-driver one judges (none: the rules, said in drift). */
    public static void afterPass(Database database, String hostName, Path stateDir, List<String> libvirtUris) {
        judge(database, hostName, stateDir, libvirtUris);
        try {
            int imported = new Journal(stateDir).importInto(database.jdbi(), hostName);
            if (imported > 0) {
                log.info("imported {} gate decision(s) into the archive", imported);
            }
        } catch (Exception e) {
            log.warn("gate journal not imported this pass ({}); the next pass retries",
                    PrintableText.of(String.valueOf(e.getMessage())));
        }
        try {
            new BaselineCache(stateDir).refresh(database.jdbi(), hostName);
        } catch (RuntimeException e) {
            log.warn("gate baseline cache not refreshed this pass ({}); the gate judges with the previous one",
                    PrintableText.of(String.valueOf(e.getMessage())));
        }
    }

    private static void judge(Database database, String hostName, Path stateDir, List<String> libvirtUris) {
        Optional<String> uri = libvirtUris.stream().filter(SaveImageJudge::supports).findFirst();
        if (uri.isEmpty()) {
            return;
        }
        try (SaveImageJudge judge = SaveImageJudge.open(uri.get(), SaveImageJudge.workDir(stateDir),
                SaveImageJudge.DEFAULT_TIMEOUT)) {
            int judged = PassVerdicts.judgeNew(database.jdbi(), hostName, judge);
            if (judged > 0) {
                log.info("libvirt judged {} new version(s) against their baselines", judged);
            }
            judge.notAnsweringBecause().ifPresent(why -> log.warn(
                    "libvirt did not judge this pass ({}); the next pass asks again", PrintableText.of(why)));
        } catch (RuntimeException e) {
            log.warn("versions not judged by libvirt this pass ({}); the next pass asks again",
                    PrintableText.of(String.valueOf(e.getMessage())));
        }
    }
}
