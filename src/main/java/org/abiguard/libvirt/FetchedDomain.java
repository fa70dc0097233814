package org.abiguard.libvirt;

import java.util.Optional;
import java.util.UUID;

/**
 * One domain as read from libvirt in a pass.
 *
 * @param inactiveXml the persistent definition (VIR_DOMAIN_XML_INACTIVE), never with SECURE
 * @param liveXml     the running guest's XML, present only when the domain runs
 */
public record FetchedDomain(UUID uuid, String name, String libvirtUri, String inactiveXml, Optional<String> liveXml) {
    public boolean running() {
        return liveXml.isPresent();
    }
}
