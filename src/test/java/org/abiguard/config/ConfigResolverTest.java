package org.abiguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.abiguard.AbiguardException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence flag > env > file > default, for every option. */
class ConfigResolverTest {
    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path file = dir.resolve("abiguard.conf");
        Files.writeString(file, content);
        return file;
    }

    private static ConfigSources sources(String dbUrlFlag, List<String> uris, String configFlag, Map<String, String> env) {
        return new ConfigSources(dbUrlFlag, null, null, uris, null, configFlag, null, null, false, env);
    }

    @Test
    void flagBeatsEnvBeatsFileBeatsDefault() throws Exception {
        Path conf = file("db-url=jdbc:postgresql://file/db\nlibvirt-uri=qemu:///file\nhost-name=from-file\n"
                + "state-dir=/file/state\ndb-user=file-user\n");

        Config fromFile = ConfigResolver.resolve(sources(null, null, conf.toString(), Map.of()));
        Config fromEnv = ConfigResolver.resolve(sources(null, null, conf.toString(),
                Map.of("ABIGUARD_DB_URL", "jdbc:postgresql://env/db", "ABIGUARD_LIBVIRT_URI", "qemu:///a, qemu:///b",
                        "ABIGUARD_HOST", "from-env")));
        Config fromFlag = ConfigResolver.resolve(sources("jdbc:postgresql://flag/db", List.of("qemu:///flag"),
                conf.toString(), Map.of("ABIGUARD_DB_URL", "jdbc:postgresql://env/db")));

        assertEquals(Optional.of("jdbc:postgresql://file/db"), fromFile.dbUrl());
        assertEquals(List.of("qemu:///file"), fromFile.libvirtUris());
        assertEquals("from-file", fromFile.hostName());
        assertEquals(Path.of("/file/state"), fromFile.stateDir());
        assertEquals(Optional.of("file-user"), fromFile.dbUser());
        assertEquals(Optional.of("jdbc:postgresql://env/db"), fromEnv.dbUrl());
        assertEquals(List.of("qemu:///a", "qemu:///b"), fromEnv.libvirtUris());
        assertEquals("from-env", fromEnv.hostName());
        assertEquals(Optional.of("jdbc:postgresql://flag/db"), fromFlag.dbUrl());
        assertEquals(List.of("qemu:///flag"), fromFlag.libvirtUris());
    }

    @Test
    void defaultsWithoutAnything() {
        Config config = ConfigResolver.resolve(sources(null, null, null, Map.of()));
        assertTrue(config.embeddedDatabase());
        assertEquals(List.of("qemu:///system"), config.libvirtUris());
        assertEquals(ConfigResolver.DEFAULT_STATE_DIR, config.stateDir());
        assertTrue(!config.hostName().isBlank());
    }

    @Test
    void envNamesTheConfigFile() throws Exception {
        Path conf = file("host-name=via-env-config\n");
        Config config = ConfigResolver.resolve(sources(null, null, null, Map.of("ABIGUARD_CONFIG", conf.toString())));
        assertEquals("via-env-config", config.hostName());
    }

    @Test
    void unknownKeyInTheFileIsAnError() throws Exception {
        Path conf = file("db_url=typo\n");
        AbiguardException e = assertThrows(AbiguardException.class,
                () -> ConfigResolver.resolve(sources(null, null, conf.toString(), Map.of())));
        assertTrue(e.getMessage().contains("unknown key 'db_url'"), e.getMessage());
    }

    @Test
    void passwordNeverInToString() {
        Config config = ConfigResolver.resolve(new ConfigSources(null, null, "hunter2", null, null, null, null, null, false, Map.of()));
        assertTrue(!config.toString().contains("hunter2"));
    }
}
