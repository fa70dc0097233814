package org.abiguard.libvirt;

import java.util.List;

/**
 * What one read of a libvirt connection found.
 *
 * @param domains the domains read completely
 * @param skipped names (or ids) of domains that vanished between listing and fetching
 */
public record DomainReading(List<FetchedDomain> domains, List<String> skipped) {
    public DomainReading {
        domains = List.copyOf(domains);
        skipped = List.copyOf(skipped);
    }
}
