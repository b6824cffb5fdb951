package org.exchangehub.adapters.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlExportFormatTests {

    private static final NativeMapping THING = new NativeMapping("THING", "ID", fields -> NativeMapping.newPayload());

    private final XmlExportFormat format = new XmlExportFormat("things", "xml", "ROOT", Map.of("T", THING));

    @TempDir
    Path folder;

    private List<Map<String, Object>> read(String xml) throws Exception {
        Path file = Files.writeString(folder.resolve("f.xml"), xml);
        List<Map<String, Object>> records = new ArrayList<>();
        format.read(file, (mapping, fields) -> records.add(Map.<String, Object>copyOf(fields)));
        return records;
    }

    @Test
    void readsRecordsInOrderWithNestedListsAndEmptyElementsAsEmptyText() throws Exception {
        List<Map<String, Object>> records = read("<ROOT><!-- c --><T><ID>1</ID><L><I><X>a</X></I><I><X>b</X></I></L>"
                + "<E/></T><T><ID><![CDATA[2]]></ID></T></ROOT>");

        assertThat(records).hasSize(2);
        assertThat(records.get(0))
                .containsEntry("ID", "1")
                .containsEntry("L", List.of(Map.of("X", "a"), Map.of("X", "b")))
                .containsEntry("E", "");
        assertThat(records.get(1)).containsEntry("ID", "2");
    }

    @Test
    void refusesADocumentTypeDeclarationSoNoEntityIsExpanded() {
        assertThatThrownBy(
                        () -> read("<?xml version=\"1.0\"?><!DOCTYPE ROOT [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<ROOT><T><ID>&x;</ID></T></ROOT>"))
                .isInstanceOf(UnreadableFileException.class);
    }

    @Test
    void neverFetchesAnExternalDtdOrEntity() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] dtd = "<!ENTITY x \"leaked\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            assertThatThrownBy(() ->
                            read("<!DOCTYPE ROOT SYSTEM \"" + url + "/export.dtd\"><ROOT><T><ID>&x;</ID></T></ROOT>"))
                    .isInstanceOf(UnreadableFileException.class);
            assertThatThrownBy(() -> read("<!DOCTYPE ROOT [<!ENTITY % p SYSTEM \"" + url + "/p.dtd\"> %p;]><ROOT/>"))
                    .isInstanceOf(UnreadableFileException.class);
            assertThatThrownBy(() -> read(
                            "<!DOCTYPE ROOT [<!ENTITY x SYSTEM \"" + url + "/x\">]><ROOT><T><ID>&x;</ID></T></ROOT>"))
                    .isInstanceOf(UnreadableFileException.class);
        } finally {
            server.stop(0);
        }
        assertThat(fetches).hasValue(0);
    }

    @Test
    void refusesElementsNestedTooDeepForARecordWithoutExhaustingTheStack() {
        // <ROOT> is level 1 and <T> level 2: its fields and their nested records then alternate down to <L/>.
        assertThatCode(() -> read("<ROOT><T>" + nested(XmlExportFormat.MAX_ELEMENT_DEPTH - 2) + "</T></ROOT>"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> read("<ROOT><T>" + nested(XmlExportFormat.MAX_ELEMENT_DEPTH - 1) + "</T></ROOT>"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("elements nested deeper than 100 levels");
        assertThatThrownBy(() -> read("<ROOT><T><ID>1</ID>" + "<L>".repeat(200_000)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("elements nested deeper than 100 levels");
    }

    private static String nested(int levels) {
        return "<L>".repeat(levels - 1) + "<L/>" + "</L>".repeat(levels - 1);
    }

    @Test
    void refusesABrokenEntityReferenceThatTheParserReportsOnlyWhenTheTextIsRead() {
        // Found by HousingExportFilesFuzzTests: Woodstox threw an unchecked WstxLazyException from getText().
        assertThatThrownBy(() -> read("<ROOT><T><ID>1&</ID></T></ROOT>"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("not well-formed XML: Unexpected character '<'");
    }

    @Test
    void rejectsARecordGivingAFieldTwiceInsteadOfKeepingOneOfTheValues() throws Exception {
        Path file = Files.writeString(
                folder.resolve("twice.xml"),
                "<ROOT><T><ID>1</ID><ID>2</ID><L><I><X>a</X><X>b</X></I></L></T><T><ID>3</ID></T></ROOT>");
        List<NativeMapping> mappings = new ArrayList<>();
        format.read(file, (mapping, fields) -> mappings.add(mapping));

        assertThat(mappings).hasSize(2);
        assertThat(mappings.get(0).recordType()).isEqualTo("THING");
        assertThatThrownBy(() -> mappings.get(0).toCanonical(Map.of("ID", "2")))
                .isInstanceOf(MappingException.class)
                .hasMessage("<T> gives <ID>, <X> more than once; a field is given once");
        assertThat(mappings.get(1)).isSameAs(THING);
    }

    @Test
    void refusesTrailingGarbageAfterTheRoot() {
        assertThatThrownBy(() -> read("<ROOT><T><ID>1</ID></T></ROOT><ROOT/>"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("not well-formed XML");
    }
}
