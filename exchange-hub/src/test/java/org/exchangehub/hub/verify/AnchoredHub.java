package org.exchangehub.hub.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.exchangehub.certs.canonical.JsonCanonicalizer;
import org.exchangehub.certs.jws.DetachedJws;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.notary.NotaryBatcher;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordEnvelope;
import org.exchangehub.hub.record.RecordPublisher;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
import org.exchangehub.hub.security.SecurityConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub (no web server, no scheduled notary) with records of both types anchored on its real embedded ledger in
 * batches of several sizes (one leaf, odd, even), some signed by their source: the genuine bundles that tampering
 * tests and fuzz targets alter.
 */
final class AnchoredHub implements AutoCloseable {

    /** How a bundle is read, in-process and by the CLI alike: Java time as ISO text. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** A record as the hub returns it and its receipt, each as the JSON text a receiver gets. */
    record Bundle(String record, String receipt) {

        /** The verify page's bundle.json: {@code {"record": …, "receipt": …}}. */
        String asBundleJson() {
            try {
                ObjectNode bundle = JSON.createObjectNode();
                bundle.set("record", JSON.readTree(record));
                bundle.set("receipt", JSON.readTree(receipt));
                return JSON.writeValueAsString(bundle);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final String algorithm;
    final Path dataDir;
    final ConfigurableApplicationContext context;
    final List<Bundle> bundles = new ArrayList<>();

    private AnchoredHub(String algorithm, Path dataDir, ConfigurableApplicationContext context) {
        this.algorithm = algorithm;
        this.dataDir = dataDir;
        this.context = context;
    }

    /** Starts a hub with this hash algorithm and anchors records in batches of 1, 5 and 14 leaves. */
    static AnchoredHub start(String algorithm, Path dataDir) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ExchangeHubApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--hub.data-dir=" + dataDir,
                        "--hub.notary.enabled=false",
                        "--hub.records.hash-algorithm=" + algorithm,
                        "--spring.main.banner-mode=off");
        AnchoredHub hub = new AnchoredHub(algorithm, dataDir, context);
        try {
            hub.anchorRecords();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return hub;
    }

    private void anchorRecords() {
        AnchoredHub hub = this;
        RecordPublisher publisher = context.getBean(RecordPublisher.class);
        NotaryBatcher batcher = context.getBean(NotaryBatcher.class);
        List<StoredRecord> published = new ArrayList<>();
        int n = 0;
        for (int batchSize : new int[] {1, 5, 14}) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < batchSize; i++, n++) {
                String id = (n % 3 == 2 ? "HT-" : "FW-") + algorithm + "-" + n;
                if (n % 3 == 2) {
                    publisher.publish(
                            "housing",
                            new PublishRequest("CONTRACT", id, null, Payloads.contract(id, "FW-C" + n, "SIGNED")));
                } else {
                    ObjectNode payload = Payloads.unit(id, "AVAILABLE", 1_000 + n);
                    String jws = n % 3 == 0 ? hub.sign(id, payload) : null;
                    publisher.publish("housing", new PublishRequest("UNIT", id, jws == null ? null : 1, payload, jws));
                }
                ids.add(id);
            }
            batcher.drain();
            RecordStore records = context.getBean(RecordStore.class);
            for (String id : ids) {
                RecordType type = id.startsWith("HT-") ? RecordType.CONTRACT : RecordType.UNIT;
                published.add(records.version(type, id, 1).orElseThrow());
            }
        }
        Receipts receipts = context.getBean(Receipts.class);
        for (StoredRecord stored : published) {
            Receipt receipt = receipts.of(stored);
            assertThat(receipt.status()).isEqualTo(Receipt.Status.ANCHORED);
            try {
                hub.bundles.add(
                        new Bundle(JSON.writeValueAsString(stored.envelope()), JSON.writeValueAsString(receipt)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    RecordVerifier verifier() {
        return context.getBean(RecordVerifier.class);
    }

    /** The housing bureau's detached JWS over the canonical version 1 of a unit, with its development signing key. */
    private String sign(String id, JsonNode payload) {
        Path pki = context.getBean(SecurityConfiguration.AgencyTrust.class).developmentPki();
        byte[] canonical = RecordEnvelope.canonical(RecordEnvelope.of(RecordType.UNIT, id, 1, "housing", payload));
        PrivateKey key = Pem.readPrivateKey(pki.resolve("housing/sign.key"));
        X509Certificate certificate = Pem.readCertificate(pki.resolve("housing/sign.crt"));
        return DetachedJws.sign(
                key, List.of(certificate, Pem.readCertificate(pki.resolve("ca/ca.crt"))), canonical, Instant.now());
    }

    /**
     * Whether an altered bundle says exactly what a genuine one says: the record's RFC 8785 form and every value of
     * the receipt unchanged (a byte that only changed whitespace or an escape).
     */
    static boolean sameAsGenuine(Bundle genuine, JsonNode record, Receipt receipt) throws IOException {
        byte[] canonical = JsonCanonicalizer.canonicalize(JSON.readTree(genuine.record()));
        return java.util.Arrays.equals(canonical, JsonCanonicalizer.canonicalize(record))
                && JSON.readValue(genuine.receipt().getBytes(StandardCharsets.UTF_8), Receipt.class)
                        .equals(receipt);
    }

    @Override
    public void close() {
        context.close();
    }
}
