package org.abiguard.drift;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.abiguard.AbiguardException;
import org.abiguard.libvirt.SafeXml;

/** Reads a domain XML file for {@code compare}: size-checked before reading, strict UTF-8. */
public final class XmlFiles {
    private XmlFiles() {
    }

    public static String read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new AbiguardException(file + " does not exist or is not a regular file");
            }
            long size = Files.size(file);
            if (size > SafeXml.MAX_DOCUMENT_CHARS) {
                throw new AbiguardException(file + " is " + size + " bytes, over the limit of "
                        + SafeXml.MAX_DOCUMENT_CHARS + " for a domain XML");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AbiguardException(file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new AbiguardException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
