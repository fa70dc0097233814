package org.abiguard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the database password comes from, first found wins: {@code --db-password} (visible in {@code ps}, so
 * it draws a warning), {@code ABIGUARD_DB_PASSWORD}, {@code db-password=} in the config file; then a file
 * ({@code --db-password-file}, {@code ABIGUARD_DB_PASSWORD_FILE}, {@code db-password-file=}), whose first line
 * is the password; then the systemd credential {@code db-password} ({@code LoadCredential=db-password:FILE},
 * found in {@code $CREDENTIALS_DIRECTORY}).
 */
public final class DatabasePassword {
    private static final Logger log = LoggerFactory.getLogger(DatabasePassword.class);

    private DatabasePassword() {
    }

    static Optional<String> resolve(ConfigSources sources, Optional<String> given, Optional<String> passwordFile) {
        if (sources.dbPasswordFlag() != null && !sources.dbPasswordFlag().isBlank()) {
            log.warn("--db-password is visible to every local user (ps, /proc); use --db-password-file, "
                    + "ABIGUARD_DB_PASSWORD or the systemd credential db-password");
        }
        if (given.isPresent()) {
            return given;
        }
        if (passwordFile.isPresent()) {
            return Optional.of(read(Path.of(passwordFile.get())));
        }
        return sources.envValue("CREDENTIALS_DIRECTORY").map(dir -> Path.of(dir, ConfigResolver.CREDENTIAL))
                .filter(Files::isRegularFile).map(DatabasePassword::read);
    }

    /**
     * The first line of a password file, without its line end; a file that cannot be read is one clear error, and so
     * is one that group or others may read (a secret every local user can copy is not one): the error names the fix.
     */
    public static String read(Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
                throw new AbiguardException("the database password file " + file + " is readable by group or others ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(mode) + "): chmod 600 " + file
                        + " (and choose a new password if others could read it)");
            }
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new AbiguardException("cannot read the database password file " + file + ": "
                    + AbiguardException.oneLine(e.toString()), e);
        }
    }
}
