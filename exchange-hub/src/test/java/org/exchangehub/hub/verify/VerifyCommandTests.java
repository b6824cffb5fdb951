package org.exchangehub.hub.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.cli.HubCommands;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The offline {@code verify} command against a hub's data directory while the hub runs, case by case, and that it
 * agrees with the verifier behind the API.
 */
class VerifyCommandTests {

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @TempDir
    static Path dataDir;

    @TempDir
    static Path files;

    static ConfigurableApplicationContext hub;
    static final java.util.concurrent.atomic.AtomicInteger FILES = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void hubWithRecords() {
        hub = new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .run("--hub.data-dir=" + dataDir, "--hub.notary.enabled=false", "--spring.main.banner-mode=off");
        RecordPublisher publisher = hub.getBean(RecordPublisher.class);
        publisher.publish(
                "housing", new PublishRequest("UNIT", "FW-1", null, Payloads.unit("FW-1", "AVAILABLE", 9_000)));
        publisher.publish(
                "housing", new PublishRequest("UNIT", "FW-2", null, Payloads.unit("FW-2", "AVAILABLE", 8_000)));
        publisher.publish("housing", new PublishRequest("UNIT", "FW-2", null, Payloads.unit("FW-2", "SIGNED", 8_000)));
        publisher.publish(
                "housing", new PublishRequest("CONTRACT", "HT-1", null, Payloads.contract("HT-1", "FW-2", "SIGNED")));
        publisher.publish(
                "housing",
                new PublishRequest("CONTRACT", "HT-1", null, Payloads.contract("HT-1", "FW-2", "CANCELLED")));
        hub.getBean(NotaryBatcher.class).drain();
        publisher.publish(
                "housing", new PublishRequest("UNIT", "FW-3", null, Payloads.unit("FW-3", "AVAILABLE", 7_000)));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    record Run(int exitCode, String out, String err) {
        String verdict() throws IOException {
            return JSON.readTree(out).path("verdict").asText();
        }
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HubCommands.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Writes a version's record and receipt as the hub hands them out, and returns the verify arguments. */
    static List<String> files(RecordType type, String id, int version, java.util.function.Consumer<ObjectNode> edit)
            throws IOException {
        StoredRecord stored =
                hub.getBean(RecordStore.class).version(type, id, version).orElseThrow();
        ObjectNode record = stored.envelope();
        edit.accept(record);
        Receipt receipt = hub.getBean(Receipts.class).of(stored);
        String name = id + "-" + version + "-" + FILES.incrementAndGet();
        Path recordFile = Files.writeString(files.resolve(name + ".json"), JSON.writeValueAsString(record));
        Path receiptFile = Files.writeString(files.resolve(name + ".receipt.json"), JSON.writeValueAsString(receipt));
        return new ArrayList<>(
                List.of("verify", "--record", recordFile.toString(), "--receipt", receiptFile.toString()));
    }

    static String apiVerdict(List<String> args) throws IOException {
        JsonNode record = JSON.readTree(Path.of(args.get(2)).toFile());
        Receipt receipt = JSON.readValue(Path.of(args.get(4)).toFile(), Receipt.class);
        return hub.getBean(RecordVerifier.class)
                .verify(record, receipt, null)
                .verdict()
                .name();
    }

    static Run withHubData(List<String> args) {
        args.addAll(List.of("--data-dir", dataDir.toString()));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void everyVerdictHasItsExitCodeAndAgreesWithTheApi() throws IOException {
        record Case(List<String> args, String verdict, int exitCode) {}
        List<Case> cases = List.of(
                new Case(files(RecordType.UNIT, "FW-1", 1, r -> {}), "GENUINE", 0),
                new Case(
                        files(RecordType.UNIT, "FW-1", 1, r -> ((ObjectNode) r.get("payload")).put("listedPrice", 1)),
                        "TAMPERED",
                        1),
                new Case(files(RecordType.UNIT, "FW-2", 1, r -> {}), "SUPERSEDED", 4),
                new Case(files(RecordType.CONTRACT, "HT-1", 1, r -> {}), "REVOKED", 5),
                new Case(files(RecordType.UNIT, "FW-3", 1, r -> {}), "PENDING", 6));
        for (Case c : cases) {
            String api = apiVerdict(c.args());

            Run run = withHubData(new ArrayList<>(c.args()));

            assertThat(run.verdict()).as("%s %s", c.args(), run.out()).isEqualTo(c.verdict());
            assertThat(run.exitCode()).isEqualTo(c.exitCode());
            assertThat(api).as("the API on the same files").isEqualTo(c.verdict());
        }
    }

    @Test
    void aRecordTheHubNeverSawIsUnknown() throws IOException {
        ObjectNode record = hub.getBean(RecordStore.class)
                .version(RecordType.UNIT, "FW-1", 1)
                .orElseThrow()
                .envelope();
        record.put("id", "FW-404");
        ((ObjectNode) record.get("payload")).put("houseCode", "FW-404");
        Path file = Files.writeString(files.resolve("unknown.json"), JSON.writeValueAsString(record));

        Run run = withHubData(new ArrayList<>(List.of("verify", "--record", file.toString())));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.verdict()).isEqualTo("UNKNOWN");
    }

    @Test
    void withoutLedgerAccessARecordAndItsReceiptAreOnlyConsistent() throws IOException {
        List<String> genuine = files(RecordType.UNIT, "FW-1", 1, r -> {});
        List<String> edited =
                files(RecordType.UNIT, "FW-1", 1, r -> ((ObjectNode) r.get("payload")).put("room", "9999"));

        Run consistent = cli(genuine.toArray(String[]::new));
        Run tampered = cli(edited.toArray(String[]::new));

        assertThat(consistent.exitCode()).as(consistent.err()).isEqualTo(7);
        assertThat(consistent.verdict()).isEqualTo("CONSISTENT");
        assertThat(consistent.err()).contains("no --ca given");
        assertThat(tampered.exitCode()).isEqualTo(1);
    }

    @Test
    void badInputExitsWithTwoAndAMessage() {
        Run nothing = cli("verify");
        Run missing = cli("verify", "--record", files.resolve("absent.json").toString());
        Run notAHub = cli("verify", "--digest", "ab".repeat(32), "--data-dir", files.toString());

        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("give --record, --receipt or --digest");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read").contains("absent.json");
        assertThat(notAHub.exitCode()).isEqualTo(2);
        assertThat(notAHub.err()).contains("is not a hub data directory");
    }
}
