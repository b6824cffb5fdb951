package org.exchangehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.DevelopmentPki;
import org.exchangehub.certs.ca.PartyCredential;
import org.exchangehub.certs.jws.DetachedJws;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.hub.TestDatabases;
import org.exchangehub.hub.cli.HubCommands;
import org.exchangehub.hub.exchange.Payloads;
import org.exchangehub.hub.notary.HubSigner;
import org.exchangehub.hub.record.RecordEnvelope;
import org.exchangehub.hub.record.RecordType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agencies signing what they publish (a detached JWS over the canonical record), over real mutual TLS: the hub checks
 * the signature before accepting, the receipt carries it, and it verifies through the API and offline — also after
 * the agency's and the hub's keys were rotated. Housing must sign here ({@code require-source-signature}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.notary.interval=100ms",
            "hub.delivery.enabled=false",
            "hub.policy.agencies.housing.require-source-signature=true"
        })
class SourceSignatureTests {

    static final Path dataDir = TestDatabases.dataDirectory(SourceSignatureTests.class);
    static final AtomicInteger UNIQUE = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
    }

    @Autowired
    AgencyTlsConnector agencyPort;

    @Autowired
    SecurityConfiguration.AgencyTrust trust;

    String unit;

    @BeforeEach
    void unique() {
        unit = "FW-J" + System.nanoTime() + "-" + UNIQUE.incrementAndGet();
    }

    AgencyClient as(String agency) {
        return new AgencyClient(agencyPort.localPort(), DevelopmentClients.sslContext(trust.developmentPki(), agency));
    }

    Path pki() {
        return trust.developmentPki();
    }

    /** The JWS an agency's system makes with its signing key over the canonical record it is about to publish. */
    String sign(String party, String source, String id, int version, JsonNode payload) {
        byte[] canonical = RecordEnvelope.canonical(RecordEnvelope.of(RecordType.UNIT, id, version, source, payload));
        PrivateKey key = Pem.readPrivateKey(pki().resolve(party + "/sign.key"));
        X509Certificate certificate = Pem.readCertificate(pki().resolve(party + "/sign.crt"));
        return DetachedJws.sign(
                key, List.of(certificate, Pem.readCertificate(pki().resolve("ca/ca.crt"))), canonical, Instant.now());
    }

    ObjectNode request(String id, int version, JsonNode payload, String signature) {
        ObjectNode body =
                JSON.createObjectNode().put("type", "UNIT").put("id", id).put("version", version);
        body.set("payload", payload);
        if (signature != null) {
            body.put("signature", signature);
        }
        return body;
    }

    JsonNode anchored(String id) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> as("housing").get("/api/v1/records/UNIT/" + id).body(),
                        r -> r != null
                                && r.path("receipt").path("status").asText().equals("ANCHORED"));
    }

    JsonNode verify(JsonNode fetched) throws Exception {
        ObjectNode question = JSON.createObjectNode();
        question.set("record", fetched.path("record"));
        question.set("receipt", fetched.path("receipt"));
        return as("registry").post("/api/v1/verify", question).body();
    }

    /** The offline `verify` command on the record and receipt as fetched, with this data directory; exit code 0. */
    JsonNode verifyOffline(String name, JsonNode fetched, String... options) throws Exception {
        Path record = Files.writeString(
                dataDir.resolve(name + ".record.json"), fetched.path("record").toString());
        Path receipt = Files.writeString(
                dataDir.resolve(name + ".receipt.json"), fetched.path("receipt").toString());
        List<String> args = new java.util.ArrayList<>(List.of(
                "verify",
                "--record",
                record.toString(),
                "--receipt",
                receipt.toString(),
                "--data-dir",
                dataDir.toString()));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        int exit =
                HubCommands.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
        assertThat(exit).as(out.toString()).isZero();
        return JSON.readTree(out.toString());
    }

    @Test
    void aSignedRecordIsAcceptedItsReceiptCarriesTheSignatureAndItVerifiesOnlineAndOffline() throws Exception {
        JsonNode payload = Payloads.unit(unit, "AVAILABLE", 1_000_000);
        AgencyClient.Answer accepted = as("housing")
                .post("/api/v1/records", request(unit, 1, payload, sign("housing", "housing", unit, 1, payload)));
        assertThat(accepted.status()).isEqualTo(202);

        JsonNode fetched = anchored(unit);
        JsonNode signature = fetched.path("receipt").path("sourceSignature");
        assertThat(signature.path("signer").asText()).contains("CN=housing");
        assertThat(signature.path("jws").asText()).contains("..");
        JsonNode online = verify(fetched);
        assertThat(online.path("verdict").asText()).isEqualTo("GENUINE");
        assertThat(online.path("sourceSignature").path("agency").asText()).isEqualTo("housing");
        assertThat(online.path("sourceSignature").path("chainChecked").asBoolean())
                .isTrue();

        JsonNode offline = verifyOffline(
                unit, fetched, "--agency-ca", pki().resolve("ca/ca.crt").toString());
        assertThat(offline.path("verdict").asText()).isEqualTo("GENUINE");
        assertThat(offline.path("sourceSignature").path("signer").asText()).contains("CN=housing");
        assertThat(offline.path("sourceSignature").path("chainChecked").asBoolean())
                .isTrue();
    }

    @Test
    void aSignatureOverOtherContentIsRefusedAndNothingIsStored() throws Exception {
        JsonNode signed = Payloads.unit(unit, "AVAILABLE", 1_000_000);
        JsonNode sent = Payloads.unit(unit, "AVAILABLE", 900_000);
        AgencyClient.Answer refused = as("housing")
                .post("/api/v1/records", request(unit, 1, sent, sign("housing", "housing", unit, 1, signed)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("code").asText()).isEqualTo("SOURCE_SIGNATURE_INVALID");
        assertThat(as("housing").get("/api/v1/records/UNIT/" + unit).status()).isEqualTo(404);
    }

    @Test
    void anotherAgencysKeyOrNoSignatureWhereRequiredIsRefused() throws Exception {
        JsonNode payload = Payloads.unit(unit, "AVAILABLE", 1_000_000);
        AgencyClient.Answer wrongSigner = as("housing")
                .post("/api/v1/records", request(unit, 1, payload, sign("tax", "housing", unit, 1, payload)));
        assertThat(wrongSigner.status()).isEqualTo(422);
        assertThat(wrongSigner.body().path("reason").asText()).isEqualTo("WRONG_SIGNER");

        AgencyClient.Answer unsigned = as("housing").post("/api/v1/records", request(unit, 1, payload, null));
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.body().path("code").asText()).isEqualTo("SOURCE_SIGNATURE_REQUIRED");
        assertThat(as("housing").get("/api/v1/records/UNIT/" + unit).status()).isEqualTo(404);
    }

    @Test
    void aReceiptWhoseSourceSignatureWasSwappedVerifiesTampered() throws Exception {
        JsonNode payload = Payloads.unit(unit, "AVAILABLE", 1_000_000);
        as("housing").post("/api/v1/records", request(unit, 1, payload, sign("housing", "housing", unit, 1, payload)));
        JsonNode fetched = anchored(unit);

        ObjectNode forged = fetched.deepCopy();
        JsonNode other = Payloads.unit(unit, "AVAILABLE", 1);
        ((ObjectNode) forged.path("receipt").path("sourceSignature"))
                .put("jws", sign("housing", "housing", unit, 1, other));
        JsonNode verdict = verify(forged);
        assertThat(verdict.path("verdict").asText()).isEqualTo("TAMPERED");
        assertThat(verdict.path("reasons").toString()).contains("source signature");
    }

    @Test
    void afterTheAgencysAndTheHubsKeysAreRotatedEarlierReceiptsStillVerify() throws Exception {
        JsonNode before = Payloads.unit(unit, "AVAILABLE", 1_000_000);
        as("housing").post("/api/v1/records", request(unit, 1, before, sign("housing", "housing", unit, 1, before)));
        JsonNode signedWithOldKeys = anchored(unit);
        X509Certificate oldHousing = Pem.readCertificate(pki().resolve("housing/sign.crt"));
        X509Certificate oldHub = Pem.readCertificate(pki().resolve("hub/sign.crt"));

        // certs issue --force for the housing bureau's and the hub's signing keys (the old ones go to retired/)
        CertificateAuthority ca = CertificateAuthority.load(pki().resolve("ca/ca.crt"), pki().resolve("ca/ca.key"));
        char[] password = DevelopmentClients.readPassword(pki());
        for (String party : List.of("housing", "hub")) {
            DevelopmentPki.issueParty(
                            ca,
                            new DevelopmentPki.PartySettings(
                                    party, Set.of(PartyCredential.SIGN), List.of("localhost"), 30, password),
                            pki())
                    .writeTo(pki(), true);
        }
        X509Certificate newHousing = Pem.readCertificate(pki().resolve("housing/sign.crt"));
        assertThat(newHousing.getSerialNumber()).isNotEqualTo(oldHousing.getSerialNumber());

        // the housing bureau signs its next record with its new key
        String next = unit + "-n";
        JsonNode after = Payloads.unit(next, "AVAILABLE", 2_000_000);
        assertThat(as("housing")
                        .post("/api/v1/records", request(next, 1, after, sign("housing", "housing", next, 1, after)))
                        .status())
                .isEqualTo(202);
        JsonNode signedWithNewKey = anchored(next);
        assertThat(signedWithNewKey
                        .path("receipt")
                        .path("sourceSignature")
                        .path("jws")
                        .asText())
                .isNotEqualTo(signedWithOldKeys
                        .path("receipt")
                        .path("sourceSignature")
                        .path("jws")
                        .asText());

        assertThat(verify(signedWithOldKeys).path("verdict").asText()).isEqualTo("GENUINE");
        assertThat(verify(signedWithNewKey).path("verdict").asText()).isEqualTo("GENUINE");

        // a restarted hub loads the new signing key, and still trusts tree heads the old one signed
        HubSigner restarted = HubSigner.load(null, null, null, dataDir);
        X509Certificate oldHeadSigner = Pem.readCertificates(Files.writeString(
                        dataDir.resolve("old-head-signer.pem"),
                        signedWithOldKeys
                                .path("receipt")
                                .path("treeHead")
                                .path("signerCertificate")
                                .asText()))
                .get(0);
        assertThat(oldHeadSigner).isEqualTo(oldHub);
        assertThat(restarted.certificatePem()).isNotEqualTo(Pem.certificate(oldHub));
        assertThat(restarted.trusts(oldHeadSigner)).isTrue();
        // and offline, with the rotated data directory, the old receipt is still GENUINE
        assertThat(verifyOffline(unit + "-old", signedWithOldKeys)
                        .path("verdict")
                        .asText())
                .isEqualTo("GENUINE");
    }
}
