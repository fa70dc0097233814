package org.abiguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.abiguard.gate.HookDecision;
import org.abiguard.libvirt.SafeXml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hook qemu NAME OP SUBOP EXTRA}: what the installed libvirt hook runs, the domain XML on stdin.
 * {@link Main#main} takes a direct path here without building the command tree, because the hook sits in
 * every guest start; this class carries its help and man page and runs the same code.
 */
@Command(name = "hook", description = {
        "What the installed libvirt hook runs (see gate): judges the domain XML on stdin against the domain's",
        "cached baseline on prepare/migrate/restore begin. Exit 0 allows, non-zero refuses (enforce mode, with the",
        "findings on stderr, which libvirt shows). Never calls libvirt or the database; fails open."})
final class HookCommand extends VerbCommand {
    @Parameters(index = "0", paramLabel = "OBJECT", description = "qemu (the only hook object judged).")
    String object;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "NAME OP SUBOP EXTRA, as libvirt passes them.")
    String[] rest;

    @Override
    public Integer call() {
        String[] args = new String[rest == null ? 1 : rest.length + 1];
        args[0] = object;
        if (rest != null) {
            System.arraycopy(rest, 0, args, 1, rest.length);
        }
        return decide(main.config().stateDir(), args, main.in(), System.err);
    }

    /** The direct path from {@link Main#main}: {@code args} after "hook"; the state directory from --state-dir or the environment. */
    static int runDirect(String[] args, InputStream in, PrintStream err) {
        Path stateDir = Path.of(System.getenv().getOrDefault("ABIGUARD_STATE_DIR", "/var/lib/abiguard"));
        String[] rest = args;
        if (rest.length >= 2 && rest[0].equals("--state-dir")) {
            stateDir = Path.of(rest[1]);
            rest = Arrays.copyOfRange(rest, 2, rest.length);
        }
        return decide(stateDir, rest, in, err);
    }

    private static int decide(Path stateDir, String[] args, InputStream in, PrintStream err) {
        if (args.length < 4 || !args[0].equals("qemu")) {
            return ExitCodes.OK; // another object or a malformed call: never the reason a guest cannot start
        }
        String xml;
        try {
            byte[] bytes = in.readNBytes(SafeXml.MAX_DOCUMENT_CHARS + 1);
            xml = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            xml = "";
        }
        HookDecision.Outcome outcome = new HookDecision(stateDir).decide(args[1], args[2], args[3], xml);
        if (!outcome.message().isEmpty()) {
            err.print(outcome.message());
            err.flush();
        }
        return outcome.exitCode();
    }
}
