package org.exchangehub.adapters.housing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.inbound.ExportFileFormat;
import org.exchangehub.adapters.inbound.MappingException;
import org.exchangehub.adapters.inbound.NativeMapping;
import org.exchangehub.adapters.inbound.NativeRecord;
import org.exchangehub.adapters.inbound.UnreadableFileException;

/**
 * Fuzzes the housing bureau's export files as the file drop reads them, without Camel: any bytes as a contracts XML
 * or a building-table CSV. Invariant: the whole file is refused with an {@link UnreadableFileException}, or every
 * record either is rejected with a {@link MappingException} (the route's row refusal) or maps to a canonical record
 * that keeps the mapping's own promises; reading twice gives the same records (the route reads each file twice); an
 * XML entity never pulls in a local file. Any other exception would leave the file in the inbox, retried forever.
 *
 * <p>Run in fuzzing mode with {@code JAZZER_FUZZ=1}; in {@code mvn test} it replays {@code
 * HousingExportFilesFuzzTestsInputs/}.
 */
class HousingExportFilesFuzzTests {

    /**
     * A file an external entity of the XXE seeds names ({@code file:///tmp/exchangehub-xxe-canary.txt}): its text
     * must never show up in a record.
     */
    private static final String CANARY = "canary-3f9c2e-read-through-an-xml-entity";

    private static final Path FILE = scratchFile();

    static {
        try {
            Files.writeString(Path.of("/tmp/exchangehub-xxe-canary.txt"), CANARY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void contractsXmlIsRefusedOrMapsToConsistentRecords(byte[] file) throws Exception {
        readAndMap(HousingInboundRoutes.CONTRACT_EXPORT, file);
    }

    @FuzzTest
    void buildingTableCsvIsRefusedOrMapsToConsistentRecords(byte[] file) throws Exception {
        readAndMap(HousingInboundRoutes.BUILDING_TABLE_EXPORT, file);
    }

    private static void readAndMap(ExportFileFormat format, byte[] bytes) throws IOException, UnreadableFileException {
        Files.write(FILE, bytes);
        List<NativeRecord> records;
        try {
            records = read(format);
        } catch (UnreadableFileException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        // The unknown-element mapping is made anew on each read, so records compare by type and fields.
        assertThat(read(format))
                .as("a second read of the same file")
                .extracting(r -> r.mapping().recordType(), NativeRecord::fields)
                .isEqualTo(records.stream()
                        .map(r -> tuple(r.mapping().recordType(), r.fields()))
                        .toList());
        for (NativeRecord record : records) {
            assertThat(record.fields().toString()).doesNotContain(CANARY);
            String key = record.keyOrEmpty();
            CanonicalRecord canonical;
            try {
                canonical = record.toCanonical();
            } catch (MappingException rejected) {
                assertThat(rejected.reason()).startsWith(MappingException.CODE + ": ");
                continue;
            }
            assertConsistent(record.mapping(), key, canonical);
        }
    }

    private static List<NativeRecord> read(ExportFileFormat format) throws UnreadableFileException {
        List<NativeRecord> records = new ArrayList<>();
        format.read(FILE, (mapping, fields) -> records.add(new NativeRecord("#" + records.size(), mapping, fields)));
        return records;
    }

    /** What each mapping promises about its output, beyond "no exception". */
    private static void assertConsistent(NativeMapping mapping, String key, CanonicalRecord record) {
        assertThat(record.type()).isEqualTo(mapping.recordType());
        assertThat(record.id())
                .isEqualTo(key)
                .isNotBlank()
                .isEqualTo(record.id().strip());
        assertThat(record.version()).isNull();
        JsonNode payload = record.payload();
        assertThat(payload.isObject()).isTrue();
        switch (record.type()) {
            case "UNIT" -> {
                assertThat(payload.get("houseCode").textValue()).isEqualTo(record.id());
                assertThat(HousingMapping.USES).containsValue(payload.get("use").textValue());
                assertThat(HousingMapping.SALE_STATUSES)
                        .containsValue(payload.get("saleStatus").textValue());
                assertThat(payload.get("floor").isInt()).isTrue();
                assertThat(payload.get("buildingArea").isBigDecimal()).isTrue();
                assertThat(payload.get("listedPrice").isBigDecimal()).isTrue();
            }
            case "CONTRACT" -> {
                assertThat(payload.get("contractNo").textValue()).isEqualTo(record.id());
                assertThat(HousingMapping.CONTRACT_STATUSES)
                        .containsValue(payload.get("status").textValue());
                assertIsoDate(payload.get("signedDate"));
                if (payload.has("cancelledDate")) {
                    assertIsoDate(payload.get("cancelledDate"));
                }
                for (JsonNode buyer : payload.get("buyers")) {
                    assertThat(buyer.get("name").textValue()).isNotBlank();
                    assertThat(buyer.get("idNumber").textValue()).isNotBlank();
                }
                assertThat(payload.get("seller").get("name").textValue()).isNotBlank();
                assertThat(payload.get("price").isBigDecimal()).isTrue();
            }
            case "FILING" -> {
                assertThat(payload.get("filingNo").textValue()).isEqualTo(record.id());
                assertThat(HousingMapping.FILING_STATUSES)
                        .containsValue(payload.get("status").textValue());
                assertIsoDate(payload.get("filedDate"));
            }
            default -> throw new AssertionError("a housing export yields no " + record.type() + " records");
        }
    }

    private static void assertIsoDate(JsonNode date) {
        assertThat(LocalDate.parse(date.textValue()).toString()).isEqualTo(date.textValue());
    }

    private static Path scratchFile() {
        try {
            Path file = Files.createTempFile("housing-export-fuzz", ".bin");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
