package org.exchangehub.hub.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.exchangehub.certs.ca.SubjectAlternativeNames;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.certs.jws.DetachedJws;
import org.exchangehub.certs.jws.JwsException;
import org.exchangehub.certs.jws.VerifiedJws;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.ledger.NotaryBatch;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.policy.FieldMasking;
import org.exchangehub.hub.record.RecordEnvelope;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.SourceSignature;
import org.exchangehub.hub.record.StoredRecord;
import org.exchangehub.merkle.InclusionProof;
import org.exchangehub.merkle.InclusionVerifier;
import org.exchangehub.merkle.MalformedProofException;
import org.exchangehub.merkle.MerkleHasher;
import org.exchangehub.merkle.RootMismatchException;

/**
 * Decides a verdict for a record, its receipt, or a bare digest. The Merkle root is always read from the ledger (through
 * {@link LedgerRoots}), never taken from the receipt or the hub's tables; the hub's tables only supply an audit path
 * when the caller has no receipt, and the record's newer versions or revocation. Used by the API and by the offline
 * {@code verify} command, which may run with no hub tables ({@code records == null}) or no ledger ({@code roots ==
 * null}).
 */
public final class RecordVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private final RecordStore records;
    private final StoredProofs storedProofs;
    private final LedgerRoots roots;
    private final Predicate<X509Certificate> trustedSigner;
    private final DigestAlgorithm defaultAlgorithm;
    private final List<X509Certificate> agencyAuthorities;

    /**
     * Tree heads already checked, by the digest of (statement, signature, certificate): an ECDSA verification costs
     * about a millisecond here, and every record of a batch carries the same signed head. Only a success is kept.
     */
    private final Map<String, Boolean> verifiedHeads =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            });

    public RecordVerifier(
            RecordStore records,
            StoredProofs storedProofs,
            LedgerRoots roots,
            Predicate<X509Certificate> trustedSigner,
            DigestAlgorithm defaultAlgorithm) {
        this(records, storedProofs, roots, trustedSigner, defaultAlgorithm, List.of());
    }

    /**
     * @param agencyAuthorities the agency CAs a source signature's certificate chain must lead to; empty: the
     *     signature is checked with the certificate it carries, and the verification says the chain was not checked
     */
    public RecordVerifier(
            RecordStore records,
            StoredProofs storedProofs,
            LedgerRoots roots,
            Predicate<X509Certificate> trustedSigner,
            DigestAlgorithm defaultAlgorithm,
            List<X509Certificate> agencyAuthorities) {
        this.agencyAuthorities = List.copyOf(agencyAuthorities);
        this.records = records;
        this.storedProofs = storedProofs;
        this.roots = roots;
        this.trustedSigner = trustedSigner;
        this.defaultAlgorithm = defaultAlgorithm;
    }

    /** Where the hub keeps receipts of what it accepted; absent offline. */
    public interface StoredProofs {
        Receipt receiptOf(StoredRecord record);
    }

    /**
     * @param record the record as received: {@code {type, id, version, source, payload}}; may be null
     * @param receipt its receipt; may be null
     * @param digest a bare hex digest, when neither record nor receipt is given
     * @throws ApiException BAD_REQUEST when nothing usable was given
     */
    public Verification verify(JsonNode record, Receipt receipt, String digest) {
        if (FieldMasking.isMasked(record)) {
            throw new ApiException(
                    ApiProblem.MASKED_VIEW,
                    "this record is a masked view (personal fields "
                            + record.path(FieldMasking.MARKER).path("fields")
                            + " were masked for its reader): it cannot be verified as the notarized record. Verify"
                            + " its receipt's digest ({\"digest\": …}) to prove the original exists, or ask an entitled"
                            + " agency for the record");
        }
        Check check = new Check();
        DigestAlgorithm algorithm = receipt != null && receipt.hashAlgorithm() != null
                ? DigestAlgorithm.byName(receipt.hashAlgorithm())
                : defaultAlgorithm;
        check.algorithm = algorithm;
        Optional<StoredRecord> stored = Optional.empty();
        if (record != null) {
            Key key = Key.of(record);
            check.key(key);
            check.digest = RecordEnvelope.digest(
                    RecordEnvelope.of(key.type, key.id, key.version, key.source, record.get("payload")), algorithm);
            stored = records == null ? Optional.empty() : records.version(key.type, key.id, key.version);
            if (receipt != null && receipt.record() != null && !key.matches(receipt.record())) {
                return check.verdict(
                        Verdict.TAMPERED,
                        "the receipt is for " + receipt.record().type() + "/"
                                + receipt.record().id() + " version "
                                + receipt.record().version() + ", not for this record");
            }
        } else if (receipt != null) {
            check.digest = receipt.digest();
            if (receipt.record() != null) {
                check.key(Key.of(receipt.record()));
            }
            stored = records == null ? Optional.empty() : records.byReceipt(receipt.receiptId());
        } else if (digest != null && digest.matches("[0-9a-fA-F]{64}")) {
            check.digest = digest.toLowerCase(java.util.Locale.ROOT);
            stored = records == null
                    ? Optional.empty()
                    : records.byDigest(check.digest).stream().findFirst();
            stored.ifPresent(s -> check.key(new Key(s.type(), s.id(), s.version(), s.source())));
        } else {
            throw new ApiException(
                    ApiProblem.BAD_REQUEST,
                    "send a record, a receipt, or a 64-hex-digit digest; got "
                            + (digest == null ? "nothing" : "'" + digest + "'"));
        }
        if (records != null && check.type != null) {
            records.latest(check.type, check.id).ifPresent(latest -> check.latest = latest);
        }
        if (record != null) {
            // offline there are no stored proofs (storedProofs == null, stored empty): only the given receipt
            SourceSignature signature = receipt != null && receipt.sourceSignature() != null
                    ? receipt.sourceSignature()
                    : stored.map(r -> storedProofs.receiptOf(r).sourceSignature())
                            .orElse(null);
            if (signature != null) {
                Key key = Key.of(record);
                byte[] canonical = RecordEnvelope.canonical(
                        RecordEnvelope.of(key.type, key.id, key.version, key.source, record.get("payload")));
                String problem = checkSourceSignature(signature, canonical, key.source, check);
                if (problem != null) {
                    return check.verdict(Verdict.TAMPERED, problem);
                }
            }
        }

        Receipt proofSource = receipt != null && receipt.proof() != null
                ? receipt
                : stored.map(r -> storedProofs.receiptOf(r)).orElse(receipt);
        if (proofSource == null) {
            return check.verdict(
                    Verdict.UNKNOWN,
                    "no receipt was given and the hub never accepted a record with" + " digest " + check.digest);
        }
        if (proofSource.proof() == null) {
            return stored.isPresent() && stored.get().digest().equals(check.digest)
                    ? check.verdict(
                            Verdict.PENDING,
                            "accepted by the hub at " + stored.get().acceptedAt() + "; not yet in an anchored batch")
                    : check.verdict(Verdict.TAMPERED, "the record's digest differs from the digest the hub accepted");
        }
        return checkProof(check, proofSource, stored);
    }

    private Verification checkProof(Check check, Receipt source, Optional<StoredRecord> stored) {
        Receipt.Proof proof = source.proof();
        check.batchId = proof.batchId();
        check.leafIndex = proof.leafIndex();
        check.treeSize = proof.treeSize();
        MerkleHasher hasher = MerkleHasher.of(check.algorithm);
        byte[] leafHash = hasher.hashLeaf(HEX.parseHex(check.digest));
        InclusionProof path;
        try {
            path = InclusionProof.fromHex(proof.leafIndex(), proof.treeSize(), proof.auditPath());
            check.computedRoot = HEX.formatHex(InclusionVerifier.rootFromInclusionProof(
                    hasher, path.leafIndex(), path.treeSize(), leafHash, path.path()));
        } catch (MalformedProofException | IllegalArgumentException e) {
            return check.verdict(Verdict.TAMPERED, "the audit path is malformed: " + e.getMessage());
        }
        if (source.treeHead() != null) {
            check.treeHeadSignatureValid = signatureValid(source.treeHead());
            if (!check.treeHeadSignatureValid) {
                return check.verdict(
                        Verdict.TAMPERED,
                        "the hub's signature on the tree head of batch " + proof.batchId()
                                + " does not verify with a trusted certificate");
            }
        }
        if (roots == null) {
            boolean agrees = check.computedRoot.equals(proof.merkleRoot());
            return agrees
                    ? check.verdict(
                            Verdict.CONSISTENT,
                            "record, audit path and the hub's signed tree head agree;"
                                    + " the root was not compared with a ledger (give ledger access to do so)")
                    : check.verdict(
                            Verdict.TAMPERED,
                            "the audit path leads to " + check.computedRoot + ", not to the receipt's root "
                                    + proof.merkleRoot());
        }
        Optional<NotaryBatch> onLedger = roots.batch(proof.batchId());
        if (onLedger.isEmpty()) {
            if (stored.isPresent()
                    && source.status() == Receipt.Status.PENDING
                    && check.computedRoot.equals(proof.merkleRoot())) {
                return check.verdict(
                        Verdict.PENDING,
                        "sealed in batch " + proof.batchId()
                                + " and signed by the hub; the batch is not yet on the ledger");
            }
            return check.verdict(Verdict.UNKNOWN, "the ledger has no batch " + proof.batchId());
        }
        NotaryBatch batch = onLedger.get();
        check.ledgerRoot = batch.merkleRoot();
        check.ledger = new Verification.Ledger(
                roots.ledger().gateway().mode().name().toLowerCase(java.util.Locale.ROOT),
                roots.ledger().gateway().channel(),
                batch.txId(),
                source.ledger() == null ? null : source.ledger().blockNumber(),
                batch.anchoredAt() == null ? null : batch.anchoredAt().toString());
        if (batch.leafCount() != proof.treeSize() || !batch.hashAlgorithm().equals(check.algorithm.standardName())) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "the ledger's batch " + batch.batchId() + " has "
                            + batch.leafCount() + " " + batch.hashAlgorithm() + " leaves; the receipt says "
                            + proof.treeSize() + " " + check.algorithm.standardName());
        }
        try {
            InclusionVerifier.verify(hasher, path(proof), leafHash, HEX.parseHex(batch.merkleRoot()));
        } catch (RootMismatchException e) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "digest " + check.digest + " with its audit path leads to root "
                            + check.computedRoot + ", but the ledger holds " + batch.merkleRoot() + " for batch "
                            + batch.batchId());
        } catch (MalformedProofException e) {
            return check.verdict(Verdict.TAMPERED, "the audit path is malformed: " + e.getMessage());
        }
        String anchored = "included in batch " + batch.batchId() + " (leaf " + proof.leafIndex() + " of "
                + proof.treeSize() + "), whose root the ledger holds, anchored in transaction " + batch.txId();
        if (check.latest != null && check.version != null) {
            if (check.latest.revoked()) {
                return check.verdict(
                        Verdict.REVOKED,
                        anchored,
                        check.type + " " + check.id + " was revoked in version " + check.latest.version());
            }
            if (check.latest.version() > check.version) {
                return check.verdict(
                        Verdict.SUPERSEDED,
                        anchored,
                        "version " + check.latest.version() + " is the latest; this is version " + check.version);
            }
        }
        return check.verdict(Verdict.GENUINE, anchored);
    }

    /** Checks the agency's own signature on the record; null when it holds, else why not. */
    private String checkSourceSignature(SourceSignature signature, byte[] canonical, String source, Check check) {
        VerifiedJws verified;
        try {
            verified = DetachedJws.verify(signature.jws(), canonical);
        } catch (JwsException e) {
            return "the source signature does not verify over this record: " + e.getMessage();
        }
        boolean chainChecked = !agencyAuthorities.isEmpty();
        if (chainChecked) {
            try {
                DetachedJws.checkChain(verified, agencyAuthorities);
            } catch (JwsException e) {
                return "the source signature's certificate is not trusted: " + e.getMessage();
            }
        }
        X509Certificate signer = verified.signer();
        String agency = SubjectAlternativeNames.agencyOf(signer).orElse(null);
        String subject = signer.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        if (agency != null && !agency.equals(source)) {
            return "the record's source is '" + source + "' but its signature is by " + subject + " ('" + agency + "')";
        }
        check.sourceSigned = new Verification.SourceSigned(
                subject, agency, verified.signingTime().toString(), chainChecked);
        return null;
    }

    private static InclusionProof path(Receipt.Proof proof) {
        return InclusionProof.fromHex(proof.leafIndex(), proof.treeSize(), proof.auditPath());
    }

    private boolean signatureValid(Receipt.SignedTreeHead head) {
        String key = headKey(head);
        if (verifiedHeads.containsKey(key)) {
            return true;
        }
        boolean valid = checkSignature(head);
        if (valid) {
            verifiedHeads.put(key, Boolean.TRUE);
        }
        return valid;
    }

    private static String headKey(Receipt.SignedTreeHead head) {
        java.security.MessageDigest digest = DigestAlgorithm.SHA_256.newMessageDigest();
        digest.update(head.head().statement());
        digest.update((byte) 0);
        digest.update(String.valueOf(head.signature()).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(String.valueOf(head.signerCertificate()).getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest.digest());
    }

    private boolean checkSignature(Receipt.SignedTreeHead head) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(head.signerCertificate().getBytes(StandardCharsets.US_ASCII)));
            if (!trustedSigner.test(certificate)) {
                return false;
            }
            return SignatureAlgorithm.forKey(certificate.getPublicKey())
                    .verify(
                            certificate,
                            head.head().statement(),
                            Base64.getDecoder().decode(head.signature()));
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
    }

    /** The record's key as given, checked. */
    private record Key(RecordType type, String id, int version, String source) {
        static Key of(JsonNode record) {
            RecordType type = RecordType.byName(record.path("type").asText(null))
                    .orElseThrow(() -> new ApiException(
                            ApiProblem.BAD_REQUEST,
                            "the record's type must be one of " + RecordType.names() + ", got " + record.path("type")));
            if (!record.path("id").isTextual()
                    || !record.path("version").canConvertToInt()
                    || !record.path("source").isTextual()
                    || !record.has("payload")) {
                throw new ApiException(
                        ApiProblem.BAD_REQUEST,
                        "a record needs id (text), version (number), source (text) and payload, as the hub returns it");
            }
            return new Key(
                    type,
                    record.get("id").asText(),
                    record.get("version").asInt(),
                    record.get("source").asText());
        }

        static Key of(Receipt.RecordRef ref) {
            RecordType type = RecordType.byName(ref.type())
                    .orElseThrow(
                            () -> new ApiException(ApiProblem.BAD_REQUEST, "unknown type in receipt: " + ref.type()));
            return new Key(type, ref.id(), ref.version(), ref.source());
        }

        boolean matches(Receipt.RecordRef ref) {
            return type.name().equals(ref.type())
                    && id.equals(ref.id())
                    && version == ref.version()
                    && source.equals(ref.source());
        }
    }

    /** What was found so far, turned into a {@link Verification} at the end. */
    private static final class Check {
        RecordType type;
        String id;
        Integer version;
        String digest;
        DigestAlgorithm algorithm;
        String batchId;
        Long leafIndex;
        Long treeSize;
        String computedRoot;
        String ledgerRoot;
        Verification.Ledger ledger;
        Boolean treeHeadSignatureValid;
        StoredRecord latest;
        Verification.SourceSigned sourceSigned;

        void key(Key key) {
            type = key.type;
            id = key.id;
            version = key.version;
        }

        Verification verdict(Verdict verdict, String... reasons) {
            List<String> all = new ArrayList<>(List.of(reasons));
            if (sourceSigned != null) {
                all.add("signed by its source " + sourceSigned.signer() + " at " + sourceSigned.signingTime()
                        + (sourceSigned.chainChecked()
                                ? ", a certificate of a trusted agency CA"
                                : " (the certificate's chain was not checked: no agency CA given)"));
            }
            return new Verification(
                    verdict,
                    all,
                    type == null ? null : type.name(),
                    id,
                    version,
                    digest,
                    algorithm.standardName(),
                    batchId,
                    leafIndex,
                    treeSize,
                    computedRoot,
                    ledgerRoot,
                    ledger,
                    treeHeadSignatureValid,
                    latest == null ? null : latest.version(),
                    sourceSigned);
        }
    }
}
