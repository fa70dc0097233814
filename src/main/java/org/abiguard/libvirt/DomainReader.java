package org.abiguard.libvirt;

import org.abiguard.PrintableText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.abiguard.AbiguardException;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the inactive XML of every domain of a connection and the live XML of the running ones.
 * Never asks for VIR_DOMAIN_XML_SECURE, so console passwords never leave libvirt.
 * A domain that disappears between listing and fetching, or whose document is over
 * {@link SafeXml#MAX_DOCUMENT_CHARS}, is skipped and logged (a per-domain failure of the pass); any other
 * libvirt error fails the whole read. Running domain ids of 0 or less (libvirt-java pads its array when a
 * domain stops between counting and listing) are not domains and are ignored.
 */
public final class DomainReader {
    /** VIR_DOMAIN_XML_INACTIVE; libvirt-java 0.5.2 keeps its XMLFlags package-private. */
    static final int XML_INACTIVE = 2;
    /** Live XML: no flags (in particular not SECURE = 1). */
    static final int XML_LIVE = 0;

    private static final Logger log = LoggerFactory.getLogger(DomainReader.class);

    private DomainReader() {
    }

    public static DomainReading readAll(LibvirtConnection connection) {
        return readAll(connection, name -> { });
    }

    /**
     * As {@link #readAll(LibvirtConnection)}; {@code beforeFetch} sees each listed domain's name (or
     * "id N") after the listing and before its lookup, the window in which a domain can vanish.
     */
    public static DomainReading readAll(LibvirtConnection connection, Consumer<String> beforeFetch) {
        Connect connect = connection.connect();
        List<FetchedDomain> domains = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int[] runningIds;
        String[] definedNames;
        try {
            runningIds = connect.listDomains();
            definedNames = connect.listDefinedDomains();
        } catch (LibvirtException e) {
            throw new AbiguardException("cannot list domains at " + connection.uri() + ": " + LibvirtErrors.message(e), e);
        }
        Set<UUID> seen = new HashSet<>();
        for (int id : runningIds) {
            if (id <= 0) {
                continue;
            }
            beforeFetch.accept("id " + id);
            read(connection, () -> connect.domainLookupByID(id), "id " + id, true).ifPresentOrElse(
                    d -> addOnce(d, seen, domains), () -> skipped.add("id " + id));
        }
        // A domain that stopped between the two listings appears in both: the first reading wins.
        for (String name : definedNames) {
            beforeFetch.accept(name);
            read(connection, () -> connect.domainLookupByName(name), name, false).ifPresentOrElse(
                    d -> addOnce(d, seen, domains), () -> skipped.add(name));
        }
        return new DomainReading(domains, skipped);
    }

    /** Reads one domain by UUID; empty when libvirt no longer knows it. */
    public static Optional<FetchedDomain> readOne(LibvirtConnection connection, UUID uuid) {
        Connect connect = connection.connect();
        try {
            Domain domain = connect.domainLookupByUUIDString(uuid.toString());
            boolean running = domain.isActive() == 1;
            return read(connection, () -> domain, uuid.toString(), running);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                return Optional.empty();
            }
            throw new AbiguardException("cannot look up domain " + uuid + " at " + connection.uri() + ": "
                    + LibvirtErrors.message(e), e);
        }
    }

    private static void addOnce(FetchedDomain domain, Set<UUID> seen, List<FetchedDomain> into) {
        if (seen.add(domain.uuid())) {
            into.add(domain);
        }
    }

    /** A domain's document is too large to archive: that domain fails, the pass goes on. */
    private static final class OversizeXmlException extends RuntimeException {
        OversizeXmlException(String message) {
            super(message);
        }
    }

    private interface Lookup {
        Domain find() throws LibvirtException;
    }

    /** {@code running} comes from the listing, which saves one round trip per domain. */
    private static Optional<FetchedDomain> read(LibvirtConnection connection, Lookup lookup, String label,
                                                boolean running) {
        try {
            Domain domain = lookup.find();
            String name = domain.getName();
            UUID uuid = UUID.fromString(domain.getUUIDString());
            String inactive = checked(domain.getXMLDesc(XML_INACTIVE), name);
            Optional<String> live = running ? Optional.of(checked(domain.getXMLDesc(XML_LIVE), name)) : Optional.empty();
            return Optional.of(new FetchedDomain(uuid, name, connection.uri(), inactive, live));
        } catch (OversizeXmlException e) {
            log.error("{}; skipped this pass, the other domains are archived", e.getMessage());
            return Optional.empty();
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                log.info("domain {} vanished while being read at {}; skipped this pass", PrintableText.of(label),
                        connection.uri());
                return Optional.empty();
            }
            throw new AbiguardException("cannot read domain " + label + " at " + connection.uri() + ": "
                    + LibvirtErrors.message(e), e);
        }
    }

    private static String checked(String xml, String name) {
        if (xml.length() > SafeXml.MAX_DOCUMENT_CHARS) {
            throw new OversizeXmlException("domain '" + PrintableText.of(name) + "' has an XML of " + xml.length()
                    + " characters, over the limit of " + SafeXml.MAX_DOCUMENT_CHARS);
        }
        return xml;
    }
}
