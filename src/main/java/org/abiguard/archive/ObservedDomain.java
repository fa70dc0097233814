package org.abiguard.archive;

import java.util.Optional;
import org.abiguard.libvirt.FetchedDomain;

/** A domain read in a pass with the content digests of its XML (see {@link ContentDigest}). */
public record ObservedDomain(FetchedDomain fetched, String inactiveSha256, Optional<String> liveSha256) {

    static ObservedDomain of(FetchedDomain fetched) {
        String label = "XML of domain '" + fetched.name() + "'";
        return new ObservedDomain(fetched, ContentDigest.of(fetched.inactiveXml(), "inactive " + label),
                fetched.liveXml().map(xml -> ContentDigest.of(xml, "live " + label)));
    }
}
