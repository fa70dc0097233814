package org.abiguard.drift;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.abiguard.testing.TestGuests;
import org.abiguard.testing.Virsh;
import org.abiguard.testing.XmlEdit;

/**
 * Builds the oracle corpus from real libvirt output: each shape is defined, started and saved with
 * {@code virsh save}; its saved XML is mutated; {@code virsh save-image-define} (libvirt's ABI check)
 * gives the verdict for each pair. An accepted mutation is undone by defining the base XML again.
 */
final class OracleCorpus {
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images/abiguard-test");

    /** One pair and libvirt's verdict: {@code abiRefusal} is libvirt's message when it refused, else null. */
    record Pair(String shape, CorpusMutations.Mutation mutation, String base, String current, String abiRefusal) {
        boolean libvirtSaysGuestVisible() {
            return abiRefusal != null;
        }

        String id() {
            return shape + "/" + mutation.id();
        }
    }

    private OracleCorpus() {
    }

    static List<Pair> build(TestGuests guests) {
        return build(guests, CorpusShapes.ALL, CorpusMutations.all());
    }

    static List<Pair> build(TestGuests guests, List<CorpusShapes.Shape> shapes, List<CorpusMutations.Mutation> mutations) {
        List<Pair> pairs = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (CorpusShapes.Shape shape : shapes) {
            String name = guests.name("oracle-" + shape.id());
            String prefix = name + "-";
            for (String disk : shape.disks()) {
                guests.disk("oracle-" + shape.id() + "-" + disk);
            }
            guests.define(shape.xml(name, IMAGES, prefix));
            Path image = IMAGES.resolve(name + ".save");
            Virsh.ok("start", name);
            Virsh.ok("save", name, image.toString());
            try {
                String base = Virsh.ok("save-image-dumpxml", image.toString());
                for (CorpusMutations.Mutation mutation : mutations) {
                    if (mutation.shape().equals(shape.id())) {
                        String current = XmlEdit.apply(base, mutation.edit());
                        try {
                            pairs.add(new Pair(shape.id(), mutation, base, current, verdict(image, base, current, mutation)));
                        } catch (IllegalArgumentException e) {
                            invalid.add(shape.id() + "/" + e.getMessage());
                        }
                    }
                }
            } finally {
                image.toFile().delete();
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalStateException(invalid.size() + " mutations are not valid domain XML for libvirt:\n"
                    + String.join("\n", invalid));
        }
        return pairs;
    }

    private static String verdict(Path image, String base, String current, CorpusMutations.Mutation mutation) {
        Path file = writeTemp(current);
        Virsh.Result result = Virsh.run("save-image-define", image.toString(), file.toString());
        file.toFile().delete();
        if (result.ok()) {
            Virsh.ok("save-image-define", image.toString(), writeTemp(base).toString());
            return null;
        }
        String message = result.stderr().replaceAll("\\s+", " ").trim();
        boolean abiCheck = message.contains("unsupported configuration:")
                && (message.contains("does not match") || message.contains("doesn't match") || message.contains("differs") || message.contains("Target "));
        if (!abiCheck) {
            throw new IllegalArgumentException(mutation.id() + ": " + message);
        }
        return message;
    }

    private static Path writeTemp(String xml) {
        try {
            Path file = java.nio.file.Files.createTempFile("abiguard-oracle", ".xml");
            java.nio.file.Files.writeString(file, xml);
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
