package org.abiguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * abiguard as its own JVM (the test classpath, {@code org.abiguard.cli.Main}), for what an in-process run
 * cannot show: log lines on the process's stderr, signals, exit codes, locks between processes.
 */
public final class AbiguardProcess {
    private AbiguardProcess() {
    }

    /** Output is stdout and stderr interleaved. */
    public record Result(int exitCode, String output) {
    }

    public static Process start(Map<String, String> env, Path log, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.abiguard.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ABIGUARD_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    public static Result run(Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Path log = java.nio.file.Files.createTempFile("abiguard-process", ".log");
        try {
            Process process = start(env, log, jvmOptions, args);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("abiguard " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), java.nio.file.Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(log);
        }
    }
}
