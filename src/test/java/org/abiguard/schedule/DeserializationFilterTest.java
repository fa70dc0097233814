package org.abiguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;

/**
 * What the daemon's JVM-wide filter lets Quartz deserialise from the shared job store: its own types and plain
 * JDK collections, nothing else (java.net.URL is the classic first link of a gadget chain).
 */
class DeserializationFilterTest {
    private static byte[] serialise(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /** A class of the application's own: not on the list either. */
    record Planted(String command) implements Serializable {
    }

    @Test
    void quartzTypesPassAndEverythingElseIsRejected() throws Exception {
        DeserializationFilter.install();
        DeserializationFilter.install(); // idempotent
        JobDataMap data = new JobDataMap();
        data.put("task", "retention");
        assertEquals("retention", ((JobDataMap) read(serialise(data))).getString("task"));

        HashMap<String, Object> gadget = new HashMap<>();
        gadget.put("url", URI.create("http://example.invalid/").toURL());
        InvalidClassException rejected = assertThrows(InvalidClassException.class, () -> read(serialise(gadget)));
        assertTrue(rejected.getMessage().contains("REJECTED"), rejected.getMessage());
        assertThrows(InvalidClassException.class, () -> read(serialise(new Planted("touch /tmp/x"))));
    }
}
