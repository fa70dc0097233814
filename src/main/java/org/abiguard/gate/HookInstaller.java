package org.abiguard.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.abiguard.archive.AtomicFiles;

/**
 * The executable libvirt runs, {@code HOOKS_DIR/qemu.d/abiguard} (libvirt 6.5 and later run every
 * executable there as {@code NAME OP SUBOP EXTRA}, the domain XML on stdin). It exits 0 at once for
 * operations the gate does not judge, and otherwise runs {@code abiguard hook qemu ...} with the class-data
 * sharing archive {@code gate install} trained. libvirtd looks for hooks when it starts: installing or removing
 * one takes effect at its next restart. Thread-safe (stateless).
 */
public final class HookInstaller {
    public static final Path DEFAULT_HOOKS_DIR = Path.of("/etc/libvirt/hooks");
    /**
     * The hook's JVM: C1 only and one compiler thread (a decision is a few hundred milliseconds of mostly
     * interpreted code), no perf data file, a small heap, and the JDK's own XML parser named so no service
     * lookup walks the jar. The training run and every hook use the same options, as CDS requires.
     */
    static final String JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -XX:+UseSerialGC"
            + " -Xss512k -Xmx128m -Djavax.xml.parsers.DocumentBuilderFactory="
            + "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl";

    private final Path hooksDir;

    public HookInstaller(Path hooksDir) {
        this.hooksDir = hooksDir;
    }

    public Path script() {
        return hooksDir.resolve("qemu.d").resolve("abiguard");
    }

    /** Writes the hook script (idempotent: the same content again is no change). */
    public boolean install(String command, Path stateDir) {
        Path cds = stateDir.resolve("gate").resolve("hook.jsa");
        String content = """
                #!/bin/sh
                # Installed by 'abiguard gate install', removed by 'abiguard gate uninstall'. libvirt runs it before a
                # QEMU guest starts, migrates in or is restored, the domain XML on stdin. It never calls libvirt.
                case "$2 $3" in
                  "prepare begin"|"migrate begin"|"restore begin") ;;
                  *) exit 0 ;;
                esac
                ABIGUARD_JAVA_OPTS="%s -Xshare:auto -XX:SharedArchiveFile=%s"
                export ABIGUARD_JAVA_OPTS
                exec %s hook --state-dir '%s' qemu "$@"
                """.formatted(JVM_OPTIONS, cds, command, stateDir);
        try {
            Files.createDirectories(script().getParent());
            if (Files.isRegularFile(script()) && Files.readString(script()).equals(content)) {
                return false;
            }
            AtomicFiles.write(script(), content, PosixFilePermissions.fromString("rwx------"));
            return true;
        } catch (IOException e) {
            throw new AbiguardException("cannot install the hook " + script() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the hook script and the qemu.d and hooks directories when nothing else is in them. */
    public boolean uninstall() {
        try {
            boolean removed = Files.deleteIfExists(script());
            for (Path dir : new Path[] {script().getParent(), hooksDir}) {
                if (Files.isDirectory(dir)) {
                    try (var rest = Files.list(dir)) {
                        if (rest.findAny().isEmpty()) {
                            Files.delete(dir);
                        }
                    }
                }
            }
            return removed;
        } catch (IOException e) {
            throw new AbiguardException("cannot remove the hook " + script() + ": " + e.getMessage(), e);
        }
    }

    public boolean installed() {
        return Files.isExecutable(script());
    }

    /**
     * Whether the running libvirtd started after the hook was written (it reads hooks at start): empty when no
     * libvirtd runs. Judged from /proc: the daemon's start time against the script's modification time.
     */
    public Optional<Boolean> pickedUpByLibvirtd() {
        try {
            Optional<Instant> started = LibvirtdProcess.startTime();
            if (started.isEmpty() || !installed()) {
                return started.map(s -> false);
            }
            return Optional.of(started.get().isAfter(Files.getLastModifiedTime(script()).toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
