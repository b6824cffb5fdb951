package org.exchangehub.adapters.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XML export read with StAX, one record at a time: a root element whose children are records, each child element
 * named after its kind (e.g. {@code <HT>}, {@code <BA>}). A record's child elements are its fields: text, or, when
 * they hold elements, a list of nested records (e.g. {@code <MSRXX><MSR>…</MSR></MSRXX>}). A record element without
 * a mapping, or with a field given twice, is a rejected record, not an unreadable file.
 *
 * @param name short name for route ids
 * @param fileExtension the file name extension, e.g. {@code xml}
 * @param rootElement the root element's name
 * @param mappings the mapping of each record element name
 */
public record XmlExportFormat(
        String name, String fileExtension, String rootElement, Map<String, NativeMapping> mappings)
        implements ExportFileFormat {

    /** Deepest element nesting accepted, root included. */
    static final int MAX_ELEMENT_DEPTH = 100;

    private static final XMLInputFactory FACTORY = secureFactory();

    public XmlExportFormat {
        mappings = Map.copyOf(mappings);
    }

    @Override
    public void read(Path file, BiConsumer<NativeMapping, Map<String, ?>> records) throws UnreadableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
            try {
                parsing(() -> {
                    xml.nextTag();
                    if (!xml.getLocalName().equals(rootElement)) {
                        throw new UnreadableFileException(
                                "the root element is <" + xml.getLocalName() + ">, not <" + rootElement + ">");
                    }
                    return null;
                });
                while (parsing(() -> xml.nextTag() == XMLStreamConstants.START_ELEMENT)) {
                    String element = parsing(xml::getLocalName);
                    Set<String> repeated = new TreeSet<>();
                    Map<String, Object> fields = parsing(() -> readRecord(xml, 2, repeated));
                    NativeMapping mapping = mappings.getOrDefault(element, unknown(element));
                    // Outside the parsing: what publishing a record throws is not about the file's format.
                    records.accept(repeated.isEmpty() ? mapping : repeating(mapping, element, repeated), fields);
                }
                parsing(() -> {
                    xml.next();
                    while (xml.getEventType() != XMLStreamConstants.END_DOCUMENT) {
                        xml.next();
                    }
                    return null;
                });
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new UnreadableFileException("not well-formed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UnreadableFileException("cannot read: " + e, e);
        }
    }

    /** A step of reading the file with the parser. */
    @FunctionalInterface
    private interface Parsing<T> {
        T run() throws XMLStreamException, UnreadableFileException;
    }

    /**
     * Runs a parsing step. Woodstox reports some errors only when a token is read (e.g. a broken entity reference, on
     * {@code getText()}), as an unchecked {@code WstxLazyException}: such a file is as unreadable as any other.
     */
    private static <T> T parsing(Parsing<T> step) throws XMLStreamException, UnreadableFileException {
        try {
            return step.run();
        } catch (RuntimeException e) {
            throw new UnreadableFileException(
                    "not well-formed XML: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
    }

    /** Reads the children of the current start element, at {@code depth} (the root is 1), up to its end element. */
    private static Map<String, Object> readRecord(XMLStreamReader xml, int depth, Set<String> repeated)
            throws XMLStreamException, UnreadableFileException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String field = xml.getLocalName();
            if (fields.put(field, readValue(xml, checkDepth(depth + 1), repeated)) != null) {
                repeated.add(field);
            }
        }
        return fields;
    }

    /** The text of a leaf element, or the list of nested records of an element holding elements. */
    private static Object readValue(XMLStreamReader xml, int depth, Set<String> repeated)
            throws XMLStreamException, UnreadableFileException {
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> nested = new ArrayList<>();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    text.append(xml.getText());
                case XMLStreamConstants.START_ELEMENT -> nested.add(readRecord(xml, checkDepth(depth + 1), repeated));
                case XMLStreamConstants.END_ELEMENT -> {
                    return nested.isEmpty() ? text.toString() : nested;
                }
                default -> {
                    // comments and processing instructions carry no data
                }
            }
        }
    }

    /**
     * Records nest a few levels (HTBAXX > HT > MSRXX > MSR > XM) and are read recursively: a hostile depth is refused
     * here, not by a StackOverflowError nor only by the JDK's own limit (1000 in recent updates, none in older ones).
     */
    private static int checkDepth(int depth) throws UnreadableFileException {
        if (depth > MAX_ELEMENT_DEPTH) {
            throw new UnreadableFileException("elements nested deeper than " + MAX_ELEMENT_DEPTH + " levels");
        }
        return depth;
    }

    /**
     * The record's mapping, refusing it: a field given twice (say two {@code <HTBH>}) would map with one of the two
     * values, not what the agency wrote.
     */
    private static NativeMapping repeating(NativeMapping mapping, String element, Set<String> repeated) {
        return new NativeMapping(mapping.recordType(), mapping.keyField(), fields -> {
            throw new MappingException("<" + element + "> gives "
                    + repeated.stream().map(field -> "<" + field + ">").collect(Collectors.joining(", "))
                    + " more than once; a field is given once");
        });
    }

    private NativeMapping unknown(String element) {
        return new NativeMapping(element, "-", fields -> {
            throw new MappingException(
                    "<" + element + "> is not a record of <" + rootElement + ">; expected one of " + mappings.keySet());
        });
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // An export never needs a DTD; refusing them closes XXE and entity expansion.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);

        return factory;
    }
}
