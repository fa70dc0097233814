package org.abiguard.drift;

import java.util.List;
import java.util.Map;
import org.abiguard.libvirt.AbiVerdict;
import org.abiguard.libvirt.SaveImageJudge;
import org.jdbi.v3.core.Jdbi;

/**
 * After a pass: libvirt judges each of the host's domains whose latest inactive version differs from its baseline and
 * has no verdict yet (new versions, a baseline moved by accept), once, and the verdict is archived. An unchanged pass
 * costs one query and no libvirt call. An answer that libvirt could not give for good (the daemon did not answer) is
 * not archived: the next pass asks again. At most {@link #PER_PASS} pairs per pass, so a first run on a large drifted
 * fleet stays bounded; the rest follow in later passes. Thread-safe as the judge is.
 */
public final class PassVerdicts {
    /** Pairs judged per pass at most (a call costs a few milliseconds; refusals up to three calls). */
    public static final int PER_PASS = 500;

    private PassVerdicts() {
    }

    /** Returns the verdicts archived. */
    public static int judgeNew(Jdbi jdbi, String hostName, SaveImageJudge judge) {
        List<DomainDriftState> unjudged = jdbi.withExtension(DriftDao.class, dao -> dao.states(null, hostName)).stream()
                .filter(s -> !s.baselineSha256().equals(s.inactiveSha256()) && s.verdictOutcome() == null)
                .limit(PER_PASS).toList();
        if (unjudged.isEmpty()) {
            return 0;
        }
        long[] ids = new long[unjudged.size() * 2];
        int[] versions = new int[ids.length];
        for (int i = 0; i < unjudged.size(); i++) {
            ids[2 * i] = ids[2 * i + 1] = unjudged.get(i).domainId();
            versions[2 * i] = unjudged.get(i).baselineVersion();
            versions[2 * i + 1] = unjudged.get(i).inactiveVersion();
        }
        Map<String, String> xml = jdbi.withExtension(DriftDao.class, dao -> dao.xmls(ids, versions));
        int archived = 0;
        for (DomainDriftState s : unjudged) {
            AbiVerdict verdict = judge.judge(xml.get(s.domainId() + ":" + s.baselineVersion()),
                    xml.get(s.domainId() + ":" + s.inactiveVersion()));
            if (!judge.answering()) {
                break; // the daemon did not answer: nothing more to ask this pass, the next pass asks again
            }
            archived += jdbi.withExtension(VerdictDao.class, dao -> dao.insert(s.domainId(), s.baselineVersion(),
                    s.inactiveVersion(), verdict.outcome().label(), verdict.judge(), verdict.message(), hostName));
        }
        return archived;
    }
}
