package org.abiguard.drift;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** libvirt's verdicts on archived pairs (V12); read through {@link DriftDao#states}. */
public interface VerdictDao {
    /** Records a verdict once: a pair is judged once, the first answer stands. Returns the rows inserted. */
    @SqlUpdate("""
            insert into abi_verdicts (domain_id, baseline_version, observed_version, outcome, judge, message, host_id)
            values (:domainId, :baseline, :observed, :outcome, :judge, :message, (select id from hosts where name = :host))
            on conflict (domain_id, baseline_version, observed_version) do nothing""")
    int insert(@Bind("domainId") long domainId, @Bind("baseline") int baselineVersion, @Bind("observed") int observedVersion,
               @Bind("outcome") String outcome, @Bind("judge") String judge, @Bind("message") String message,
               @Bind("host") String judgingHost);
}
