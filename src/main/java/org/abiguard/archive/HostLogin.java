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

    /** The login's host name, empty for a login that is not a host login; refuses a revoked one. */
    public static Optional<String> boundHost(Jdbi jdbi) {
        return jdbi.withHandle(handle -> {
            Long hostId = handle.createQuery("select abiguard_bound_host()").mapTo(Long.class).one();
            if (hostId == null) {
                return Optional.empty();
            }
            String login = handle.createQuery("select session_user").mapTo(String.class).one();
            if (hostId < 0) {
                throw new AbiguardException("database login " + login + " was a host login and has been revoked "
                        + "(abiguard db revoke-host); it may not archive or read anything");
            }
            return Optional.of(handle.createQuery("select abiguard_bound_host_name()").mapTo(String.class).one());
        });
    }

    static void requireOwnHost(Jdbi jdbi, String configuredHost) {
        Optional<String> bound = boundHost(jdbi);
        if (bound.isPresent() && !bound.get().equals(configuredHost)) {
            String login = jdbi.withHandle(h -> h.createQuery("select session_user").mapTo(String.class).one());
            throw new AbiguardException("database login " + login + " is the host login of " + bound.get()
                    + ", but this run is for host " + PrintableText.of(configuredHost) + " (--host-name, ABIGUARD_HOST, "
                    + "host-name= or the kernel's host name): a host login archives only its own host");
        }
    }
}
