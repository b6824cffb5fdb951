package org.exchangehub.adapters.inbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV export in UTF-8 (a byte order mark is accepted) with a header line of native field names, one record per
 * line, all of one mapping. A header missing one of the expected names, or naming a column twice, makes the file
 * unreadable; extra columns are ignored.
 *
 * @param name short name for route ids
 * @param fileExtension the file name extension, e.g. {@code xml}
 * @param header the native field names the header must have
 * @param mapping the mapping of every line
 */
public record CsvExportFormat(String name, String fileExtension, List<String> header, NativeMapping mapping)
        implements ExportFileFormat {

    private static final CSVFormat CSV = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            // A column named twice would give one of its two values, silently: the file is refused instead.
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .get();

    public CsvExportFormat {
        header = List.copyOf(header);
    }

    @Override
    public void read(Path file, BiConsumer<NativeMapping, Map<String, ?>> records) throws UnreadableFileException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            try (CSVParser parser = CSV.parse(reader)) {
                List<String> missing = header.stream()
                        .filter(column -> !parser.getHeaderNames().contains(column))
                        .toList();
                if (!missing.isEmpty()) {
                    throw new UnreadableFileException("the header " + parser.getHeaderNames() + " lacks " + missing);
                }
                Iterator<CSVRecord> lines = parser.iterator();
                while (true) {
                    CSVRecord line;
                    try {
                        if (!lines.hasNext()) {
                            break;
                        }
                        line = lines.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        throw new UnreadableFileException("not CSV: " + e.getMessage(), e);
                    }
                    // Outside the try: what publishing a record throws is not about the file's format.
                    records.accept(mapping, line.toMap());
                }
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("not UTF-8: " + e, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableFileException("not CSV: " + e.getMessage(), e);
        }
    }
}
