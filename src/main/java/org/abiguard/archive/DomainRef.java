package org.abiguard.archive;

import java.time.Instant;
import java.util.UUID;

/** A domain as the archive names it; {@code goneSince} is null while it exists. */
public record DomainRef(long id, UUID uuid, String name, String hostName, Instant firstSeen, Instant goneSince) {
}
