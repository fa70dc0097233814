package org.abiguard.archive;

import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.PrintableText;
import org.jdbi.v3.core.Jdbi;

/**
 * The host a database login is bound to (V9's host_logins). A host login archives, reads and locks only its
 * own host's rows (row-level security); here it is also refused before anything runs when the configured host
 * name says another host, so a hypervisor cannot pass itself off as another ({@code --host-name hv-d} with
 * hv-c's login). Logins that are not host logins (the owner, operators, readers) are not bound.
 */
public final class HostLogin {
    private HostLogin() {
    }

    /** The session's login and its binding, in one round trip (this runs at every connect). */
    private record Binding(String login, Long hostId, String hostName) {
    }

    private static Binding binding(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select session_user as login, abiguard_bound_host() as host_id, abiguard_bound_host_name() as host_name")
                .map((rs, ctx) -> new Binding(rs.getString("login"), rs.getObject("host_id", Long.class),
                        rs.getString("host_name"))).one());
    }

    /** The login's host name, empty for a login that is not a host login; refuses a revoked one. */
    public static Optional<String> boundHost(Jdbi jdbi) {
        return boundHost(binding(jdbi));
    }

    private static Optional<String> boundHost(Binding binding) {
        if (binding.hostId() == null) {
            return Optional.empty();
        }
        if (binding.hostId() < 0) {
            throw new AbiguardException("database login " + binding.login() + " was a host login and has been revoked "
                    + "(abiguard db revoke-host); it may not archive or read anything");
        }
        return Optional.of(binding.hostName());
    }

    static void requireOwnHost(Jdbi jdbi, String configuredHost) {
        Binding binding = binding(jdbi);
        Optional<String> bound = boundHost(binding);
        if (bound.isPresent() && !bound.get().equals(configuredHost)) {
            throw new AbiguardException("database login " + binding.login() + " is the host login of " + bound.get()
                    + ", but this run is for host " + PrintableText.of(configuredHost) + " (--host-name, ABIGUARD_HOST, "
                    + "host-name= or the kernel's host name): a host login archives only its own host");
        }
    }
}
