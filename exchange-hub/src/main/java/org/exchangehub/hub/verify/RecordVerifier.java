package org.exchangehub.hub.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.exchangehub.certs.ca.SubjectAlternativeNames;
import org.exchangehub.certs.canonical.CanonicalizationException;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.certs.jws.DetachedJws;
import org.exchangehub.certs.jws.JwsException;
import org.exchangehub.certs.jws.VerifiedJws;
import org.exchangehub.certs.keystore.Pem;
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
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]+");

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
        check.algorithm = defaultAlgorithm;
        if (receipt != null) {
            // every member a receipt of its status carries, before anything is computed from it
            Optional<String> missing = ReceiptFields.missing(receipt);
            if (missing.isPresent()) {
                return check.verdict(Verdict.TAMPERED, missing.get() + " is missing");
            }
            Optional<DigestAlgorithm> named = exactly(receipt.hashAlgorithm());
            if (named.isEmpty()) {
                return check.verdict(
                        Verdict.TAMPERED,
                        "receipt.hashAlgorithm '" + receipt.hashAlgorithm() + "' is none of "
                                + DigestAlgorithm.names());
            }
            check.algorithm = named.get();
        }
        Optional<StoredRecord> stored = Optional.empty();
        if (record != null) {
            Key key = Key.of(record);
            check.key(key);
            if (!key.type.name().equals(record.path("type").asText())) {
                // RecordType.byName forgives the case; the record the hub notarized spells it one way
                return check.verdict(
                        Verdict.TAMPERED,
                        "record.type: the hub writes " + key.type.name() + ", the record says "
                                + record.path("type").asText());
            }
            try {
                check.digest = RecordEnvelope.digest(
                        RecordEnvelope.of(key.type, key.id, key.version, key.source, record.get("payload")),
                        check.algorithm);
            } catch (CanonicalizationException e) {
                // the hub accepts no record without one, so no genuine record is refused here
                throw new ApiException(
                        ApiProblem.BAD_REQUEST, "the record has no RFC 8785 canonical form: " + e.getMessage());
            }
            stored = records == null ? Optional.empty() : records.version(key.type, key.id, key.version);
            if (receipt != null && !key.matches(receipt.record())) {
                return check.verdict(
                        Verdict.TAMPERED,
                        "receipt.record: the receipt is for " + receipt.record().type() + "/"
                                + receipt.record().id() + " version "
                                + receipt.record().version() + " from '"
                                + receipt.record().source()
                                + "', not for this record");
            }
        } else if (receipt != null) {
            check.digest = receipt.digest();
            if (RecordType.byName(receipt.record().type()).isEmpty()) {
                return check.verdict(
                        Verdict.TAMPERED,
                        "receipt.record.type '" + receipt.record().type() + "' is none of " + RecordType.names());
            }
            Key key = Key.of(receipt.record());
            check.key(key);
            stored = records == null ? Optional.empty() : records.byReceipt(receipt.receiptId());
            if (stored.isEmpty() && records != null) {
                stored = records.version(key.type, key.id, key.version);
            }
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
        if (!HEX_DIGEST.matcher(check.digest).matches() || check.digest.length() != 2 * check.algorithm.length()) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "receipt.digest '" + check.digest + "' is not a " + check.algorithm.standardName() + " digest ("
                            + 2 * check.algorithm.length() + " lower-case hex digits)");
        }
        if (records != null && check.type != null) {
            records.latest(check.type, check.id).ifPresent(latest -> check.latest = latest);
        }
        Receipt issued = stored.isPresent() ? storedProofs.receiptOf(stored.get()) : null;
        if (receipt != null && records != null && issued == null) {
            return check.verdict(
                    Verdict.UNKNOWN,
                    "receipt.receiptId: the hub issued no receipt " + receipt.receiptId() + " and holds no "
                            + check.type + "/" + check.id + " version " + check.version);
        }
        if (record != null) {
            // offline there are no stored proofs (storedProofs == null, stored empty): only the given receipt
            SourceSignature signature = receipt != null && receipt.sourceSignature() != null
                    ? receipt.sourceSignature()
                    : issued == null ? null : issued.sourceSignature();
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

        Receipt proofSource = receipt != null && receipt.proof() != null ? receipt : issued != null ? issued : receipt;
        if (proofSource == null) {
            return check.verdict(
                    Verdict.UNKNOWN,
                    "no receipt was given and the hub never accepted a record with" + " digest " + check.digest);
        }
        // checked after the proof, so that an altered record is told by the root it leads to
        Optional<String> fieldProblem =
                receipt == null ? Optional.empty() : fieldProblem(record, receipt, issued, check);
        if (proofSource.proof() == null) {
            if (fieldProblem.isPresent()) {
                return check.verdict(Verdict.TAMPERED, fieldProblem.get());
            }
            return stored.isPresent() && stored.get().digest().equals(check.digest)
                    ? check.verdict(
                            Verdict.PENDING,
                            "accepted by the hub at " + stored.get().acceptedAt() + "; not yet in an anchored batch")
                    : check.verdict(Verdict.TAMPERED, "the record's digest differs from the digest the hub accepted");
        }
        return checkProof(check, proofSource, receipt, issued, stored, fieldProblem);
    }

    /**
     * The proof, the signed tree head and the ledger coordinates: each member of {@code source} against what the audit
     * path computes, against each other, and against the ledger's batch and transaction.
     *
     * @param source the receipt whose proof is checked: the given one, or the hub's when none with a proof was given
     * @param given the receipt the caller gave, whose ledger coordinates are checked too; may be null
     * @param issued the receipt the hub issued for the record, where its tables are at hand; may be null
     * @param fieldProblem what differs between the given receipt's other members and the record or the hub's receipt
     */
    private Verification checkProof(
            Check check,
            Receipt source,
            Receipt given,
            Receipt issued,
            Optional<StoredRecord> stored,
            Optional<String> fieldProblem) {
        Receipt.Proof proof = source.proof();
        Receipt.SignedTreeHead head = source.treeHead();
        check.batchId = proof.batchId();
        check.leafIndex = proof.leafIndex();
        check.treeSize = proof.treeSize();
        MerkleHasher hasher = MerkleHasher.of(check.algorithm);
        byte[] leafHash = hasher.hashLeaf(HEX.parseHex(check.digest));
        InclusionProof path;
        try {
            path = InclusionProof.parseHex(proof.leafIndex(), proof.treeSize(), proof.auditPath());
            check.computedRoot = HEX.formatHex(InclusionVerifier.rootFromInclusionProof(
                    hasher, path.leafIndex(), path.treeSize(), leafHash, path.path()));
        } catch (MalformedProofException e) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "receipt.proof is malformed (leafIndex " + proof.leafIndex() + ", treeSize " + proof.treeSize()
                            + ", auditPath of " + proof.auditPath().size() + "): " + e.getMessage());
        }
        // the ledger's batch is read first so that a root mismatch can show the ledger's root
        Optional<NotaryBatch> onLedger = roots == null ? Optional.empty() : roots.batch(proof.batchId());
        onLedger.ifPresent(batch -> {
            check.ledgerRoot = batch.merkleRoot();
            check.ledger = ledgerCoordinates(batch);
        });
        if (!check.computedRoot.equals(proof.merkleRoot())) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "receipt.proof.merkleRoot: root mismatch: digest " + check.digest + " with its audit path (leaf "
                            + proof.leafIndex() + " of " + proof.treeSize() + ") leads to root " + check.computedRoot
                            + ", the receipt says " + proof.merkleRoot()
                            + (check.ledgerRoot == null ? "" : " and the ledger holds " + check.ledgerRoot));
        }
        Optional<String> headProblem = treeHeadProblem(head, proof, check.algorithm);
        if (headProblem.isPresent()) {
            check.treeHeadSignatureValid = headProblem.get().startsWith("receipt.treeHead.signature") ? false : null;
            return check.verdict(Verdict.TAMPERED, headProblem.get());
        }
        check.treeHeadSignatureValid = true;
        if (fieldProblem.isPresent()) {
            return check.verdict(Verdict.TAMPERED, fieldProblem.get());
        }
        if (roots == null) {
            return check.verdict(
                    Verdict.CONSISTENT,
                    "record, audit path and the hub's signed tree head agree;"
                            + " the root was not compared with a ledger (give ledger access to do so)");
        }
        if (onLedger.isEmpty()) {
            if (stored.isPresent()
                    && source.status() == Receipt.Status.PENDING
                    && (given == null || given.ledger() == null)) {
                return check.verdict(
                        Verdict.PENDING,
                        "sealed in batch " + proof.batchId()
                                + " and signed by the hub; the batch is not yet on the ledger");
            }
            return check.verdict(Verdict.UNKNOWN, "the ledger has no batch " + proof.batchId());
        }
        NotaryBatch batch = onLedger.get();
        long blockNumber = check.ledger.blockNumber();
        if (!batch.batchId().equals(proof.batchId())) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "receipt.proof.batchId: the ledger answered batch " + batch.batchId() + " for " + proof.batchId());
        }
        if (!batch.hashAlgorithm().equals(check.algorithm.standardName())) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "receipt.hashAlgorithm: the ledger's batch " + batch.batchId() + " has " + batch.hashAlgorithm()
                            + " leaves; the receipt says " + check.algorithm.standardName());
        }
        if (batch.leafCount() != proof.treeSize()) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "receipt.proof.treeSize: the ledger's batch " + batch.batchId() + " has " + batch.leafCount()
                            + " leaves; the receipt says " + proof.treeSize());
        }
        try {
            InclusionVerifier.verify(hasher, path, leafHash, HEX.parseHex(batch.merkleRoot()));
        } catch (RootMismatchException e) {
            return check.verdict(
                    Verdict.TAMPERED,
                    "receipt.proof.merkleRoot: root mismatch: digest " + check.digest + " with its audit path leads"
                            + " to root " + check.computedRoot + ", but the ledger holds " + batch.merkleRoot()
                            + " for batch " + batch.batchId());
        } catch (MalformedProofException e) {
            return check.verdict(Verdict.TAMPERED, "receipt.proof is malformed: " + e.getMessage());
        }
        if (given != null && given.ledger() != null) {
            Instant issuedAnchoredAt = issued == null || issued.ledger() == null
                    ? null
                    : issued.ledger().anchoredAt();
            Optional<String> coordinates = coordinatesProblem(given.ledger(), batch, check.ledger, issuedAnchoredAt);
            if (coordinates.isPresent()) {
                return check.verdict(Verdict.TAMPERED, coordinates.get());
            }
        }
        String anchored = "included in batch " + batch.batchId() + " (leaf " + proof.leafIndex() + " of "
                + proof.treeSize() + "), whose root the ledger holds, anchored in transaction " + batch.txId()
                + " in block " + blockNumber;
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

    /** The ledger's own coordinates of a batch's anchoring transaction: what the answer reports. */
    private Verification.Ledger ledgerCoordinates(NotaryBatch batch) {
        return new Verification.Ledger(
                roots.ledger().gateway().mode().name().toLowerCase(java.util.Locale.ROOT),
                roots.ledger().gateway().channel(),
                batch.txId(),
                roots.blockNumberOf(batch.txId()),
                batch.anchoredAt() == null ? null : batch.anchoredAt().toString());
    }

    /**
     * The given receipt's digest against the record's, and every member against the receipt the hub issued (where the
     * hub's tables are at hand); empty when nothing differs.
     */
    private Optional<String> fieldProblem(JsonNode record, Receipt receipt, Receipt issued, Check check) {
        if (record != null && !receipt.digest().equals(check.digest)) {
            return Optional.of("receipt.digest: the record's " + check.algorithm.standardName() + " digest is "
                    + check.digest + ", the receipt says " + receipt.digest());
        }
        if (issued != null && records != null) {
            return ReceiptFields.differenceFrom(receipt, issued);
        }
        return Optional.empty();
    }

    /**
     * The signed tree head must state what the proof says (batch, algorithm, root, size), name the algorithm of its
     * certificate's key, carry that certificate as the hub writes it, and be signed by a trusted signer.
     */
    private Optional<String> treeHeadProblem(
            Receipt.SignedTreeHead head, Receipt.Proof proof, DigestAlgorithm algorithm) {
        if (!head.batchId().equals(proof.batchId())) {
            return Optional.of("receipt.treeHead.batchId: the tree head is for batch " + head.batchId()
                    + ", the proof for " + proof.batchId());
        }
        if (!head.hashAlgorithm().equals(algorithm.standardName())) {
            return Optional.of("receipt.treeHead.hashAlgorithm: the tree head says " + head.hashAlgorithm()
                    + ", the receipt " + algorithm.standardName());
        }
        if (!head.merkleRoot().equals(proof.merkleRoot())) {
            return Optional.of("receipt.treeHead.merkleRoot: the tree head says " + head.merkleRoot() + ", the proof "
                    + proof.merkleRoot());
        }
        if (head.treeSize() != proof.treeSize()) {
            return Optional.of("receipt.treeHead.treeSize: the tree head says " + head.treeSize() + ", the proof "
                    + proof.treeSize());
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(head.signerCertificate().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            return Optional.of("receipt.treeHead.signerCertificate is not a certificate: " + e.getMessage());
        }
        if (!Pem.certificate(certificate).equals(head.signerCertificate())) {
            return Optional.of("receipt.treeHead.signerCertificate is not the PEM text the hub issued for "
                    + certificate.getSubjectX500Principal());
        }
        String keyAlgorithm;
        try {
            keyAlgorithm = SignatureAlgorithm.forKey(certificate.getPublicKey()).jcaName();
        } catch (RuntimeException e) {
            return Optional.of("receipt.treeHead.signerCertificate holds no key the hub signs with: " + e.getMessage());
        }
        if (!keyAlgorithm.equals(head.signatureAlgorithm())) {
            return Optional.of("receipt.treeHead.signatureAlgorithm: the signer's key signs " + keyAlgorithm
                    + ", the receipt says " + head.signatureAlgorithm());
        }
        if (!canonicalBase64(head.signature())) {
            // the unused low bits of a last Base64 digit would otherwise let a changed text decode to the same bytes
            return Optional.of("receipt.treeHead.signature is not the Base64 text the hub writes");
        }
        if (!signatureValid(head, certificate)) {
            return Optional.of("receipt.treeHead.signature: the hub's signature on the tree head of batch "
                    + head.batchId() + " does not verify with a trusted certificate");
        }
        return Optional.empty();
    }

    /**
     * The receipt's ledger coordinates against the ledger's own.
     *
     * @param issuedAnchoredAt the anchoring time in the receipt the hub issued, where its tables are at hand: before
     *     the hub took the ledger's time (2026-12), it wrote its own clock's, and its receipts of then say so
     */
    private static Optional<String> coordinatesProblem(
            Receipt.Ledger given, NotaryBatch batch, Verification.Ledger ledger, Instant issuedAnchoredAt) {
        String mode = ledger.mode();
        String channel = ledger.channel();
        long blockNumber = ledger.blockNumber();
        if (!given.mode().equals(mode)) {
            return Optional.of("receipt.ledger.mode: the root was read from the " + mode + " ledger, the receipt says "
                    + given.mode());
        }
        if (!given.channel().equals(channel)) {
            return Optional.of("receipt.ledger.channel: the ledger's channel is " + channel + ", the receipt says "
                    + given.channel());
        }
        if (!given.transactionId().equals(batch.txId())) {
            return Optional.of("receipt.ledger.transactionId: the ledger anchored batch " + batch.batchId()
                    + " in transaction " + batch.txId() + ", the receipt says " + given.transactionId());
        }
        if (given.blockNumber() != blockNumber) {
            return Optional.of("receipt.ledger.blockNumber: transaction " + batch.txId() + " is in block " + blockNumber
                    + ", the receipt says " + given.blockNumber());
        }
        // the hub keeps times to the microsecond; a Fabric timestamp may have nanoseconds
        if (batch.anchoredAt() != null
                && !given.anchoredAt().equals(batch.anchoredAt())
                && !given.anchoredAt().equals(batch.anchoredAt().truncatedTo(ChronoUnit.MICROS))
                && !given.anchoredAt().equals(issuedAnchoredAt)) {
            return Optional.of("receipt.ledger.anchoredAt: the ledger anchored batch " + batch.batchId() + " at "
                    + batch.anchoredAt() + ", the receipt says " + given.anchoredAt());
        }
        return Optional.empty();
    }

    private static boolean canonicalBase64(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(Base64.getDecoder().decode(text))
                    .equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The digest algorithm spelt exactly as the hub writes it ({@code SHA-256}, {@code SM3}). */
    private static Optional<DigestAlgorithm> exactly(String name) {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            if (algorithm.standardName().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** Checks the agency's own signature on the record; null when it holds, else why not. */
    private String checkSourceSignature(SourceSignature signature, byte[] canonical, String source, Check check) {
        VerifiedJws verified;
        try {
            verified = DetachedJws.verify(signature.jws(), canonical);
        } catch (JwsException | IllegalStateException e) {
            // IllegalStateException: a certificate in x5c whose public key cannot be read (Bouncy Castle reads it
            // lazily)
            return "receipt.sourceSignature.jws: the source signature does not verify over this record: "
                    + e.getMessage();
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
        if (!subject.equals(signature.signer())) {
            return "receipt.sourceSignature.signer: the signature is by " + subject + ", the receipt says "
                    + signature.signer();
        }
        if (!verified.signingTime().equals(signature.signingTime())) {
            return "receipt.sourceSignature.signingTime: the signature was made at " + verified.signingTime()
                    + ", the receipt says " + signature.signingTime();
        }
        check.sourceSigned = new Verification.SourceSigned(
                subject, agency, verified.signingTime().toString(), chainChecked);
        return null;
    }

    private boolean signatureValid(Receipt.SignedTreeHead head, X509Certificate certificate) {
        String key = headKey(head);
        if (verifiedHeads.containsKey(key)) {
            return true;
        }
        boolean valid = checkSignature(head, certificate);
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

    private boolean checkSignature(Receipt.SignedTreeHead head, X509Certificate certificate) {
        try {
            if (!trustedSigner.test(certificate)) {
                return false;
            }
            return SignatureAlgorithm.forKey(certificate.getPublicKey())
                    .verify(
                            certificate,
                            head.head().statement(),
                            Base64.getDecoder().decode(head.signature()));
        } catch (RuntimeException e) {
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
                    || !record.path("version").isIntegralNumber()
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
