package org.abiguard.gate;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.abiguard.AbiguardException;
import org.abiguard.archive.AtomicFiles;

/**
 * The gate's mode and per-domain overrides, in {@code STATE_DIR/gate/settings.properties} (0600):
 * {@code mode=warn|enforce} and {@code domain.<uuid>=warn|enforce|off}. Read by the hook on every decision,
 * written by {@code gate install} and {@code gate set}. Immutable; thread-safe.
 */
public record GateSettings(GateMode mode, Map<String, GateMode> overrides) {
    public GateSettings {
        overrides = Map.copyOf(overrides);
    }

    static Path file(Path stateDir) {
        return stateDir.resolve("gate").resolve("settings.properties");
    }

    /** The settings, or empty when the gate was never installed. */
    public static Optional<GateSettings> read(Path stateDir) {
        Path file = file(stateDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            Map<String, GateMode> overrides = new TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("domain.")) {
                    overrides.put(key.substring("domain.".length()), GateMode.parse(p.getProperty(key)));
                }
            }
            return Optional.of(new GateSettings(GateMode.parse(p.getProperty("mode", "warn")), overrides));
        } catch (IOException | RuntimeException e) {
            throw new AbiguardException("cannot read the gate settings " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path stateDir) {
        Properties p = new Properties();
        p.setProperty("mode", mode.label());
        overrides.forEach((uuid, m) -> p.setProperty("domain." + uuid, m.label()));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "abiguard gate: written by 'abiguard gate install|set'");
        } catch (IOException e) {
            throw new AbiguardException("cannot write the gate settings: " + e.getMessage(), e);
        }
        AtomicFiles.write(file(stateDir), out.toString(), AtomicFiles.PRIVATE);
    }

    /** The mode for one domain: its override, else the gate's. */
    public GateMode modeFor(String uuid) {
        return overrides.getOrDefault(uuid, mode);
    }

    public GateSettings with(String uuid, GateMode domainMode) {
        Map<String, GateMode> next = new TreeMap<>(overrides);
        next.put(uuid, domainMode);
        return new GateSettings(mode, next);
    }
}
