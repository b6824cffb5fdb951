package org.exchangehub.hub.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.hub.api.RequestJson;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.hub.ledger.fabric.FabricLedgerGateway;
import org.exchangehub.hub.ledger.fabric.FabricProperties;
import org.exchangehub.hub.notary.Receipt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: checks a record and its receipt without the hub's API. With {@code --fabric} the root is read from a
 * Fabric peer (the receiver's own ledger access); with {@code --data-dir} from the hub's embedded ledger, and the hub's
 * tables also say whether a newer version exists or the record was revoked, exactly as the API does; with neither,
 * only the record, the audit path and the hub's signature are checked (verdict CONSISTENT). The exit code is the
 * verdict's.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verify a record offline; exit 0 GENUINE, 1 TAMPERED, 3 UNKNOWN, 4 SUPERSEDED, 5 REVOKED,"
                + " 6 PENDING, 7 CONSISTENT (no ledger given), 2 usage or input error.")
public final class VerifyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--record", paramLabel = "FILE", description = "the record as the hub returned it (JSON)")
    Path record;

    @Option(names = "--receipt", paramLabel = "FILE", description = "its receipt (JSON)")
    Path receipt;

    @Option(names = "--digest", paramLabel = "HEX", description = "a bare digest, instead of a record")
    String digest;

    @Option(names = "--ca", paramLabel = "PEM", description = "the CA that issued the hub's signing certificate")
    Path ca;

    @Option(
            names = "--agency-ca",
            paramLabel = "PEM",
            description = "the agency CA(s) a source signature's certificate must chain to (with --data-dir: the"
                    + " hub's development CA when not given)")
    Path agencyCa;

    @Option(names = "--msp-id", defaultValue = "HubMSP", description = "with --data-dir: hub.ledger.msp-id")
    String mspId;

    @Option(names = "--channel", defaultValue = "housing", description = "with --data-dir: hub.ledger.channel")
    String channel;

    @ArgGroup(exclusive = true)
    LedgerAccess ledger;

    static final class LedgerAccess {
        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                description = "the hub's data directory (embedded ledger and H2 database)")
        Path dataDir;

        @Option(
                names = "--fabric",
                paramLabel = "FILE",
                description = "properties with hub.ledger.channel/chaincode and hub.ledger.fabric.* for a peer")
        Path fabric;
    }

    @Override
    public Integer call() throws Exception {
        if (record == null && receipt == null && digest == null) {
            throw new IllegalArgumentException("give --record, --receipt or --digest");
        }
        JsonNode recordJson = record == null ? null : RequestJson.readTree(Files.readAllBytes(readable(record)));
        Receipt receiptJson =
                receipt == null ? null : RequestJson.read(Files.readAllBytes(readable(receipt)), Receipt.class);
        Verification verification;
        if (ledger != null && ledger.dataDir != null) {
            try (HubDataDirectory hub = HubDataDirectory.open(ledger.dataDir)) {
                verification = hub.verifier(
                                trust(hub.caCertificate()), mspId, channel, agencyAuthorities(hub.caCertificate()))
                        .verify(recordJson, receiptJson, digest);
            }
        } else if (ledger != null && ledger.fabric != null) {
            Properties settings = new Properties();
            try (Reader reader = Files.newBufferedReader(readable(ledger.fabric))) {
                settings.load(reader);
            }
            try (FabricLedgerGateway gateway = FabricLedgerGateway.connect(
                    FabricProperties.from(settings),
                    settings.getProperty("hub.ledger.channel", "housing"),
                    settings.getProperty("hub.ledger.chaincode", "notary"))) {
                verification = new RecordVerifier(
                                null,
                                null,
                                new LedgerRoots(new NotaryLedger(gateway), 16),
                                trust(null),
                                DigestAlgorithm.SHA_256,
                                agencyAuthorities(null))
                        .verify(recordJson, receiptJson, digest);
            }
        } else {
            verification = new RecordVerifier(
                            null, null, null, trust(null), DigestAlgorithm.SHA_256, agencyAuthorities(null))
                    .verify(recordJson, receiptJson, digest);
        }
        spec.commandLine().getOut().println(JSON.writeValueAsString(verification));
        return verification.verdict().exitCode();
    }

    /** The given CA, else the hub's own CA, else (said on stderr) any signer: the signature is then only consistent. */
    private Predicate<X509Certificate> trust(X509Certificate hubCa) {
        X509Certificate anchor = ca != null ? Pem.readCertificate(readable(ca)) : hubCa;
        if (anchor == null) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "note: no --ca given: the tree head signature is checked, its signer is not checked against a CA");
            return certificate -> true;
        }
        return certificate -> {
            try {
                certificate.verify(anchor.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                return certificate.equals(anchor);
            }
        };
    }

    /** The given agency CAs, else the data directory's development CA, else none (the chain is then not checked). */
    private List<X509Certificate> agencyAuthorities(X509Certificate developmentCa) {
        if (agencyCa != null) {
            return Pem.readCertificates(readable(agencyCa));
        }
        return developmentCa == null ? List.of() : List.of(developmentCa);
    }

    private static Path readable(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file.toAbsolutePath());
        }
        return file;
    }
}
