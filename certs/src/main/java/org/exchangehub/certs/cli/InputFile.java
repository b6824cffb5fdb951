package org.exchangehub.certs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.exchangehub.certs.canonical.CanonicalizationException;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.keystore.MaterialException;

/** Reading a command's input file, with a message that names it when that fails. */
final class InputFile {

    private InputFile() {}

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MaterialException("no such file: " + file, e);
        } catch (IOException e) {
            throw new MaterialException("cannot read " + file + ": " + e, e);
        }
    }

    /** The file's bytes, or with {@code canonical} the RFC 8785 form of the JSON in it. */
    static byte[] payload(Path file, boolean canonical) {
        byte[] data = read(file);
        if (!canonical) {
            return data;
        }
        try {
            return JsonCanonicalizer.canonicalize(data);
        } catch (CanonicalizationException e) {
            throw new CanonicalizationException(file + ": " + e.getMessage(), e);
        }
    }
}
