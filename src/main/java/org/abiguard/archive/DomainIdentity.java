package org.abiguard.archive;

/** A domain as the JSON contract names it: the UUID is the identity, the name its current label. */
public record DomainIdentity(String uuid, String name) {
}
