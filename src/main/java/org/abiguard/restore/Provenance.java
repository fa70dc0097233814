package org.abiguard.restore;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.abiguard.Sha256;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a version to restore came from, checked before anything reaches the target. Provenance: the XML still
 * has the SHA-256 the database computed when it was written, and it was written by a host login of the host
 * whose pass archived it (when that host has ever had one; V9). Constructs: nothing in it reaches beyond the
 * guest's own virtual hardware ({@link ArchivedConstructs}) unless the same construct was in the domain's first
 * archived version, or the operator allowed its kind with {@code --allow}.
 */
public final class Provenance {
    /** What the archive knows of one version's origin. */
    public record Origin(String xml, String writtenBy, String xmlSha256, String hostName, boolean hostHasLogin,
                  boolean writerIsHostLogin, String firstXml) {
    }

    private Provenance() {
    }

    static Origin origin(Jdbi jdbi, long domainId, int version) {
        return jdbi.withExtension(ProvenanceDao.class, dao -> dao.origin(domainId, version));
    }

    static RestoreCheck written(Origin origin, int version) {
        String actual = Sha256.hex(origin.xml());
        if (origin.xmlSha256() == null || !origin.xmlSha256().equals(actual)) {
            return RestoreCheck.fail("provenance", "version " + version + "'s XML does not match the digest the database "
                    + "computed when it was written (" + origin.xmlSha256() + " recorded, " + actual + " now): it was "
                    + "changed after it was archived");
        }
        if (origin.writtenBy() == null) {
            return RestoreCheck.pass("provenance", "version " + version + " predates recorded writers; its XML matches "
                    + "the database's digest");
        }
        if (origin.hostHasLogin() && !origin.writerIsHostLogin()) {
            return RestoreCheck.fail("provenance", "version " + version + " was written by login " + origin.writtenBy()
                    + ", which is not the host login of " + origin.hostName() + ", the host it claims to come from");
        }
        return RestoreCheck.pass("provenance", "version " + version + " was written by " + origin.writtenBy()
                + (origin.hostHasLogin() ? ", the host login of " + origin.hostName() : "") + "; its XML matches the "
                + "database's digest");
    }

    static RestoreCheck constructs(Origin origin, Set<String> allowed) {
        Set<ArchivedConstructs.Construct> first = Set.copyOf(ArchivedConstructs.of(origin.firstXml()));
        List<ArchivedConstructs.Construct> refused = ArchivedConstructs.of(origin.xml()).stream()
                .filter(c -> !first.contains(c) && !allowed.contains(c.kind())).toList();
        if (!refused.isEmpty()) {
            return RestoreCheck.fail("constructs", "it carries what its first archived version did not, which restore "
                    + "refuses unless allowed: " + refused.stream().map(c -> c.what() + " [--allow " + c.kind() + "]")
                    .collect(Collectors.joining("; ")));
        }
        return RestoreCheck.pass("constructs", "no namespace, host device, host block device or filesystem passthrough "
                + "beyond its first archived version" + (allowed.isEmpty() ? "" : " (allowed: " + String.join(", ",
                new java.util.TreeSet<>(allowed)) + ")"));
    }
}
