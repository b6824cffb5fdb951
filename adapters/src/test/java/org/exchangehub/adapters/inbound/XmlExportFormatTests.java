package org.exchangehub.adapters.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void refusesTrailingGarbageAfterTheRoot() {
        assertThatThrownBy(() -> read("<ROOT><T><ID>1</ID></T></ROOT><ROOT/>"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("not well-formed XML");
    }
}
