package org.abiguard.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.abiguard.AbiguardException;

/** The gate's directories under the state directory are root's alone (0700): names of guests are inside. */
final class GateFiles {
    private GateFiles() {
    }

    static void ensureDirectory(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new AbiguardException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
