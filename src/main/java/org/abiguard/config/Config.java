package org.abiguard.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The resolved configuration of one abiguard run; immutable and thread-safe.
 *
 * @param dbUrl       JDBC URL of the archive database; empty means the embedded PostgreSQL
 *                    under {@code stateDir/pgdata}
 * @param dbUser      database user; empty lets the driver or URL decide
 * @param dbPassword  database password; never printed, never logged
 * @param libvirtUris libvirt connection URIs to archive, at least one (default qemu:///system)
 * @param hostName    the name this host is archived under (default: the kernel's host name)
 * @param stateDir    local state: embedded database, spool, reports (default /var/lib/abiguard)
 * @param configFile  the config file that was read, if any
 * @param requireTls  refuse a remote database URL without sslmode=verify-full (default false: a warning)
 */
public record Config(
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        List<String> libvirtUris,
        String hostName,
        Path stateDir,
        Optional<Path> configFile,
        boolean requireTls) {

    public Config {
        libvirtUris = List.copyOf(libvirtUris);
    }

    /** Without --require-tls. */
    public Config(Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword, List<String> libvirtUris,
                  String hostName, Path stateDir, Optional<Path> configFile) {
        this(dbUrl, dbUser, dbPassword, libvirtUris, hostName, stateDir, configFile, false);
    }

    public boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /** Where the embedded PostgreSQL keeps its data directory across runs. */
    public Path embeddedDataDir() {
        return stateDir.resolve("pgdata");
    }

    @Override
    public String toString() {
        return "Config[dbUrl=" + dbUrl.orElse("(embedded)") + ", dbUser=" + dbUser.orElse("")
                + ", dbPassword=" + (dbPassword.isPresent() ? "***" : "") + ", libvirtUris=" + libvirtUris
                + ", hostName=" + hostName + ", stateDir=" + stateDir + ", configFile=" + configFile + ", requireTls=" + requireTls + "]";
    }
}
