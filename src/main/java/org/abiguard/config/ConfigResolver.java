package org.abiguard.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.abiguard.AbiguardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves one {@link Config} with the precedence flag &gt; environment &gt; config file &gt; default.
 * The config file is Java properties syntax with the long option names as keys
 * ({@code db-url=...}, {@code libvirt-uri=qemu:///system,qemu:///session}).
 */
public final class ConfigResolver {
    public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/abiguard/abiguard.conf");
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/abiguard");
    public static final String DEFAULT_LIBVIRT_URI = "qemu:///system";
    private static final Set<String> KNOWN_KEYS =
            Set.of("db-url", "db-user", "db-password", "db-password-file", "require-tls", "libvirt-uri", "host-name", "state-dir");
    /** The systemd credential ({@code LoadCredential=db-password:FILE}) read when no other password is given. */
    public static final String CREDENTIAL = "db-password";
    private static final Logger log = LoggerFactory.getLogger(ConfigResolver.class);

    private ConfigResolver() {
    }

    public static Config resolve(ConfigSources sources) {
        Optional<Path> configFile = chooseConfigFile(sources);
        Properties file = configFile.map(ConfigResolver::readFile).orElseGet(Properties::new);

        Optional<String> dbUrl = pick(sources.dbUrlFlag(), sources.envValue("ABIGUARD_DB_URL"), file, "db-url");
        Optional<String> dbUser = pick(sources.dbUserFlag(), sources.envValue("ABIGUARD_DB_USER"), file, "db-user");
        Optional<String> dbPassword = DatabasePassword.resolve(sources,
                pick(sources.dbPasswordFlag(), sources.envValue("ABIGUARD_DB_PASSWORD"), file, "db-password"),
                pick(sources.dbPasswordFileFlag(), sources.envValue("ABIGUARD_DB_PASSWORD_FILE"), file, "db-password-file"));
        boolean requireTls = sources.requireTlsFlag()
                || pick(null, sources.envValue("ABIGUARD_REQUIRE_TLS"), file, "require-tls").map(ConfigResolver::yes).orElse(false);
        List<String> uris = !sources.libvirtUriFlags().isEmpty()
                ? sources.libvirtUriFlags()
                : pick(null, sources.envValue("ABIGUARD_LIBVIRT_URI"), file, "libvirt-uri")
                        .map(ConfigResolver::splitList)
                        .orElse(List.of(DEFAULT_LIBVIRT_URI));
        String hostName = pick(sources.hostNameFlag(), sources.envValue("ABIGUARD_HOST"), file, "host-name")
                .orElseGet(LocalHostName::read);
        Path stateDir = pick(sources.stateDirFlag(), sources.envValue("ABIGUARD_STATE_DIR"), file, "state-dir")
                .map(Path::of)
                .orElse(DEFAULT_STATE_DIR);

        if (uris.stream().anyMatch(String::isBlank)) {
            throw new AbiguardException("--libvirt-uri must not be empty");
        }
        HostNames.requireValid(hostName);
        return new Config(dbUrl, dbUser, dbPassword, uris, hostName, stateDir.toAbsolutePath(), configFile, requireTls);
    }

    private static Optional<Path> chooseConfigFile(ConfigSources sources) {
        Optional<String> explicit = Optional.ofNullable(sources.configFlag()).or(() -> sources.envValue("ABIGUARD_CONFIG"));
        if (explicit.isPresent()) {
            Path path = Path.of(explicit.get());
            if (!Files.isReadable(path)) {
                throw new AbiguardException("config file " + path + " does not exist or is not readable");
            }
            return Optional.of(path);
        }
        return Files.isReadable(DEFAULT_CONFIG_FILE) ? Optional.of(DEFAULT_CONFIG_FILE) : Optional.empty();
    }

    private static Properties readFile(Path path) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new AbiguardException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
        for (String key : props.stringPropertyNames()) {
            if (!KNOWN_KEYS.contains(key)) {
                throw new AbiguardException("config file " + path + ": unknown key '" + key + "' (known: "
                        + String.join(", ", KNOWN_KEYS.stream().sorted().toList()) + ")");
            }
        }
        if (props.containsKey("db-password")) {
            warnIfReadableByOthers(path);
        }
        return props;
    }

    private static void warnIfReadableByOthers(Path path) {
        try {
            if (Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("config file {} holds db-password and is readable by other users; chmod o-r it", path);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot read permissions of {}", path, e);
        }
    }

    private static Optional<String> pick(String flag, Optional<String> env, Properties file, String key) {
        if (flag != null && !flag.isBlank()) {
            return Optional.of(flag);
        }
        return env.or(() -> Optional.ofNullable(file.getProperty(key)).map(String::trim).filter(v -> !v.isEmpty()));
    }

    private static boolean yes(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off", "" -> false;
            default -> throw new AbiguardException("require-tls must be true or false, got '" + value + "'");
        };
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
