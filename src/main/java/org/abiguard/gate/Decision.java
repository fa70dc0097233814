package org.abiguard.gate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One decision of the hook, as the journal keeps it and the archive imports it.
 *
 * @param operation prepare (a start), migrate (incoming migration) or restore
 * @param verdict   allowed | warned | refused | first-boot | failed-open
 * @param findings  the guest-visible findings, one line each ("category device: before -> after")
 * @param judge     who decided libvirt_abi: "libvirt 9.0.0", or "rules" (then the findings say why libvirt did not);
 *                  null in journal lines written before judges were recorded
 */
public record Decision(UUID id, Instant at, UUID domainUuid, String domainName, String operation, String mode,
                       String verdict, List<String> findings, String judge) {
}
