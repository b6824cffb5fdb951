package org.exchangehub.adapters.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportFormatTests {

    private static final NativeMapping THING = new NativeMapping("THING", "ID", fields -> NativeMapping.newPayload());

    private final CsvExportFormat format = new CsvExportFormat("things", "csv", List.of("ID", "NAME"), THING);

    @TempDir
    Path folder;

    private List<Map<String, Object>> read(byte[] content) throws Exception {
        Path file = Files.write(folder.resolve("f.csv"), content);
        List<Map<String, Object>> records = new ArrayList<>();
        format.read(file, (mapping, fields) -> records.add(Map.<String, Object>copyOf(fields)));
        return records;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsLinesByHeaderNameAcceptingAByteOrderMarkAndQuotes() throws Exception {
        List<Map<String, Object>> records = read(utf8("\uFEFFNAME,ID,EXTRA\r\n\"江岸, 雅苑\",1,x\r\n\r\n乙,2,y\r\n"));

        assertThat(records)
                .containsExactly(
                        Map.of("NAME", "江岸, 雅苑", "ID", "1", "EXTRA", "x"),
                        Map.of("NAME", "乙", "ID", "2", "EXTRA", "y"));
    }

    @Test
    void refusesAHeaderWithoutAnExpectedName() {
        assertThatThrownBy(() -> read(utf8("ID,NAM\n1,甲\n")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("the header [ID, NAM] lacks [NAME]");
    }

    @Test
    void refusesAHeaderNamingAColumnTwice() {
        assertThatThrownBy(() -> read(utf8("ID,NAME,ID\n1,甲,2\n")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("not CSV")
                .hasMessageContaining("duplicate name");
    }

    @Test
    void refusesAnUnclosedQuote() {
        assertThatThrownBy(() -> read(utf8("ID,NAME\n1,\"甲\n")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("not CSV");
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        assertThatThrownBy(() -> read("ID,NAME\n1,甲\n".getBytes(java.nio.charset.Charset.forName("GBK"))))
                .isInstanceOf(UnreadableFileException.class);
    }
}
