package org.exchangehub.certs.keystore;

import java.nio.file.Path;
import java.util.List;

/** Refusal to replace files that are already there (key material is not overwritten unless asked to). */
public class OutputExistsException extends MaterialException {

    private final transient List<Path> existing;

    public OutputExistsException(Path directory, List<Path> existing) {
        super(directory + " already holds generated material (" + existing.get(0)
                + (existing.size() > 1 ? " and " + (existing.size() - 1) + " more" : "")
                + "); nothing was written");
        this.existing = List.copyOf(existing);
    }

    /** The files that would have been replaced. */
    public List<Path> existing() {
        return existing;
    }
}
