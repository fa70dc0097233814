package org.abiguard.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;
import org.abiguard.AbiguardException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * Creates, rotates and revokes host logins ({@code db grant-host}, {@code db revoke-host}); run with the
 * credentials of the archive's owner (it needs CREATEROLE). The password is hashed (SCRAM-SHA-256) by the
 * driver before it is sent, so it never appears in the server's statement log. Each call is one transaction:
 * the role, its grants and its binding appear together or not at all.
 */
public final class HostLoginGrants {
    /** Lower-case role names only: they are used unquoted in psql and in pg_hba.conf without surprises. */
    private static final Pattern LOGIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    public static final int MIN_PASSWORD_LENGTH = 16;

    private HostLoginGrants() {
    }

    /** What {@link #grant} did, for the one line it prints. */
    public record Granted(String login, boolean created, Optional<String> replaced) {
    }

    public static Granted grant(Database database, String host, String login, char[] password) {
        if (!LOGIN.matcher(login).matches()) {
            throw new AbiguardException("--login must be a lower-case PostgreSQL role name ([a-z_][a-z0-9_]*, at most 63), got '"
                    + org.abiguard.PrintableText.of(login) + "'");
        }
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new AbiguardException("the password file holds " + password.length + " characters; a host login needs at "
                    + "least " + MIN_PASSWORD_LENGTH + " (e.g. openssl rand -base64 32)");
        }
        return database.jdbi().inTransaction(handle -> {
            applyRoleGrants(handle);
            long hostId = handle.attach(HostDao.class).ensure(host);
            Optional<Long> boundTo = handle.createQuery("select host_id from host_logins where login = :login")
                    .bind("login", login).mapTo(Long.class).findOne();
            if (boundTo.isPresent() && boundTo.get() != hostId) {
                throw new AbiguardException("login " + login + " is (or was) the host login of another host; a login "
                        + "name is never reused for another host's rows");
            }
            boolean exists = handle.createQuery("select count(*) > 0 from pg_roles where rolname = :login")
                    .bind("login", login).mapTo(Boolean.class).one();
            if (exists && boundTo.isEmpty()) {
                throw new AbiguardException("a database role named " + login + " exists and is not a host login of "
                        + "abiguard; choose another --login");
            }
            if (!exists) {
                handle.execute("create role " + login + " login in role abiguard_agent");
            } else {
                handle.execute("alter role " + login + " login");
            }
            setPassword(handle, login, password);
            Optional<String> replaced = handle.createQuery(
                            "select login from host_logins where host_id = :host and revoked_at is null and login <> :login")
                    .bind("host", hostId).bind("login", login).mapTo(String.class).findOne();
            replaced.ifPresent(old -> revokeLogin(handle, old));
            handle.createUpdate("""
                            insert into host_logins (login, host_id) values (:login, :host)
                            on conflict (login) do update set revoked_at = null, granted_at = now(), granted_by = session_user""")
                    .bind("login", login).bind("host", hostId).execute();
            return new Granted(login, !exists, replaced);
        });
    }

    /** Revokes the host's login; returns its name, empty when the host has none. */
    public static Optional<String> revoke(Database database, String host) {
        return database.jdbi().inTransaction(handle -> {
            Optional<String> login = handle.createQuery("""
                            select l.login from host_logins l join hosts h on h.id = l.host_id
                            where h.name = :host and l.revoked_at is null""")
                    .bind("host", host).mapTo(String.class).findOne();
            login.ifPresent(name -> revokeLogin(handle, name));
            return login;
        });
    }

    /**
     * Binding revoked, login disabled and out of abiguard_agent, its sessions ended, and the role dropped when
     * nothing else depends on it (else it stays, unable to log in; its binding row keeps it from seeing anything).
     */
    private static void revokeLogin(Handle handle, String login) {
        handle.createUpdate("update host_logins set revoked_at = now() where login = :login").bind("login", login).execute();
        handle.execute("alter role " + login + " nologin password null");
        handle.execute("revoke abiguard_agent from " + login);
        // Ends the sessions it still has (needs pg_signal_backend or superuser; a session left running sees
        // nothing anyway once the binding is revoked).
        boolean maySignal = handle.createQuery("select pg_has_role(current_user, 'pg_signal_backend', 'member')")
                .mapTo(Boolean.class).one();
        if (maySignal) {
            // OFFSET 0 keeps the filter inside: the planner may not evaluate pg_terminate_backend on other rows.
            handle.createQuery("""
                            select count(pg_terminate_backend(pid)) from (
                                select pid from pg_stat_activity where usename = :login and pid <> pg_backend_pid() offset 0) s""")
                    .bind("login", login).mapTo(Long.class).one();
        }
        handle.savepoint("drop_login");
        try {
            handle.execute("drop role " + login);
        } catch (RuntimeException e) {
            handle.rollbackToSavepoint("drop_login");
        }
    }

    private static void setPassword(Handle handle, String login, char[] password) {
        try {
            handle.getConnection().unwrap(PGConnection.class).alterUserPassword(login, password, "scram-sha-256");
        } catch (SQLException e) {
            throw new AbiguardException("cannot set the password of " + login + ": " + AbiguardException.oneLine(e.getMessage()), e);
        }
    }

    /** scripts/db-roles.sql, shipped in the jar: the agent/reader/operator roles and their grants, idempotent. */
    private static void applyRoleGrants(Handle handle) {
        try (InputStream in = HostLoginGrants.class.getResourceAsStream("/db/db-roles.sql");
             Statement statement = handle.getConnection().createStatement()) {
            if (in == null) {
                throw new AbiguardException("db/db-roles.sql is missing from the abiguard jar");
            }
            statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            throw new AbiguardException("cannot apply the role grants: " + AbiguardException.oneLine(e.getMessage()), e);
        }
    }
}
