package org.abiguard.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.abiguard.cli.Main;

/** Runs the abiguard CLI in-process, as a user would, and captures stdout, stderr and the exit code. */
public final class Cli {
    private final Map<String, String> env;

    public Cli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A CLI on {@code database} and the local libvirtd, archiving as {@code hostName}. */
    public static Cli on(TestDatabase database, String hostName) {
        Map<String, String> env = new HashMap<>();
        env.put("ABIGUARD_DB_URL", database.url());
        env.put("ABIGUARD_DB_USER", TestDatabase.USER);
        env.put("ABIGUARD_DB_PASSWORD", TestDatabase.PASSWORD);
        env.put("ABIGUARD_HOST", hostName);
        env.put("ABIGUARD_LIBVIRT_URI", TestGuests.URI);
        env.put("ABIGUARD_STATE_DIR", System.getProperty("java.io.tmpdir") + "/abiguard-test-state");
        return new Cli(env);
    }

    public Cli with(String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return new Cli(copy);
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} on stdin, as a person answering prompts would type it. */
    public Result runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env,
                new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
