package org.exchangehub.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.hub.notary.Receipt;
import org.exchangehub.hub.notary.Receipts;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
import org.exchangehub.hub.verify.RecordVerifier;
import org.exchangehub.hub.verify.Verdict;

/**
 * Verify latency (d): {@link RecordVerifier#verify} called in-process, as the verify API does, with a random anchored
 * record and its receipt as the hub hands them out. Each call is timed alone; every verdict must be GENUINE.
 */
final class VerifyLatency {

    /**
     * Latency percentiles in microseconds, and the median of the tree-head signature check alone (parse the signer's
     * certificate, ECDSA-verify the signed tree head), the part of a verify that does not depend on the database.
     */
    record Percentiles(int samples, double p50, double p99, double p999, double max, double signatureP50) {}

    private record Sample(JsonNode record, Receipt receipt) {}

    private static final int SIGNATURE_SAMPLES = 2_000;

    private final RecordVerifier verifier;
    private final RecordStore records;
    private final Receipts receipts;

    VerifyLatency(RecordVerifier verifier, RecordStore records, Receipts receipts) {
        this.verifier = verifier;
        this.records = records;
        this.receipts = receipts;
    }

    /**
     * Verifies {@code warmup} untimed, then {@code count} timed random records of {@code published}. Each sample is read
     * just before it is timed and dropped after, so that memory does not grow with {@code count} (20,000 samples held
     * with their envelopes and receipts were ~200 MB of heap); the reads are not timed.
     */
    Percentiles measure(List<PublishRequest> published, int warmup, int count, Random random) {
        for (int i = 0; i < warmup; i++) {
            check(sample(published.get(random.nextInt(published.size()))));
        }
        long[] nanos = new long[count];
        List<Receipt.SignedTreeHead> heads = new ArrayList<>(Math.min(count, SIGNATURE_SAMPLES));
        for (int i = 0; i < count; i++) {
            Sample sample = sample(published.get(random.nextInt(published.size())));
            long start = System.nanoTime();
            Verdict verdict =
                    verifier.verify(sample.record, sample.receipt, null).verdict();
            nanos[i] = System.nanoTime() - start;
            requireGenuine(sample, verdict);
            if (heads.size() < SIGNATURE_SAMPLES) {
                heads.add(sample.receipt.treeHead());
            }
        }
        Arrays.sort(nanos);
        return new Percentiles(
                count,
                micros(nanos, 0.50),
                micros(nanos, 0.99),
                micros(nanos, 0.999),
                nanos[count - 1] / 1e3,
                signatureMedian(heads));
    }

    /** The median time of checking the tree-head signatures of (up to 2,000 of) the samples alone, as verify does. */
    private static double signatureMedian(List<Receipt.SignedTreeHead> heads) {
        long[] nanos = new long[heads.size()];
        for (int i = 0; i < nanos.length; i++) {
            Receipt.SignedTreeHead head = heads.get(i);
            long start = System.nanoTime();
            boolean valid = signatureValid(head);
            nanos[i] = System.nanoTime() - start;
            if (!valid) {
                throw new IllegalStateException("the tree head of batch " + head.batchId() + " does not verify");
            }
        }
        Arrays.sort(nanos);
        return micros(nanos, 0.50);
    }

    private static boolean signatureValid(Receipt.SignedTreeHead head) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(head.signerCertificate().getBytes(StandardCharsets.US_ASCII)));
            return SignatureAlgorithm.forKey(certificate.getPublicKey())
                    .verify(
                            certificate,
                            head.head().statement(),
                            Base64.getDecoder().decode(head.signature()));
        } catch (CertificateException e) {
            throw new IllegalStateException("unreadable signer certificate in batch " + head.batchId(), e);
        }
    }

    private Sample sample(PublishRequest request) {
        RecordType type = RecordType.byName(request.type()).orElseThrow();
        StoredRecord stored = records.version(type, request.id(), 1).orElseThrow();
        Receipt receipt = receipts.of(stored);
        if (receipt.status() != Receipt.Status.ANCHORED) {
            throw new IllegalStateException(type + "/" + request.id() + " is not anchored: " + receipt.status());
        }
        return new Sample(stored.envelope(), receipt);
    }

    private void check(Sample sample) {
        requireGenuine(
                sample, verifier.verify(sample.record, sample.receipt, null).verdict());
    }

    private static void requireGenuine(Sample sample, Verdict verdict) {
        if (verdict != Verdict.GENUINE) {
            throw new IllegalStateException(sample.receipt.record().type() + "/"
                    + sample.receipt.record().id() + " verified " + verdict + ", not GENUINE");
        }
    }

    /** The nearest-rank percentile of sorted nanoseconds, in microseconds. */
    static double micros(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e3;
    }
}
