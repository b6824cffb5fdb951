package org.exchangehub.adapters.inbound;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

/** One kind of export file an agency drops (an XML or CSV layout): which files it is, and how to read their records. */
public interface ExportFileFormat {

    /** A short name for route ids, e.g. {@code contracts}. */
    String name();

    /** The file name extension of this format, e.g. {@code xml} (matched ignoring case). */
    String fileExtension();

    /**
     * Streams the native records of the file in file order to {@code records}, each with the mapping that applies to
     * it. Reading the same file twice gives the same records in the same order.
     *
     * @throws UnreadableFileException when the file is not of this format at all
     */
    void read(Path file, BiConsumer<NativeMapping, Map<String, ?>> records) throws UnreadableFileException;
}
