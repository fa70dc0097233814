package org.abiguard.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw values one option can take, before precedence is applied.
 * Flags come from the command line (null when not given), env from the process environment.
 */
public record ConfigSources(
        String dbUrlFlag,
        String dbUserFlag,
        String dbPasswordFlag,
        List<String> libvirtUriFlags,
        String hostNameFlag,
        String configFlag,
        String stateDirFlag,
        String dbPasswordFileFlag,
        boolean requireTlsFlag,
        Map<String, String> env) {

    public ConfigSources {
        libvirtUriFlags = libvirtUriFlags == null ? List.of() : List.copyOf(libvirtUriFlags);
        env = Map.copyOf(env);
    }

    Optional<String> envValue(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
