package org.exchangehub.hub.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer of a verification: the verdict, the reasons in plain words, and what was checked.
 *
 * @param digest the digest computed from the record (or given)
 * @param ledgerRoot the batch root as read from the ledger, null when the ledger was not consulted
 * @param computedRoot the root the digest and audit path lead to
 * @param latestVersion the newest version the hub knows of this record
 * @param sourceSignature the publishing agency's signature, when the record carries one and it verified
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(
        Verdict verdict,
        List<String> reasons,
        String type,
        String id,
        Integer version,
        String digest,
        String hashAlgorithm,
        String batchId,
        Long leafIndex,
        Long treeSize,
        String computedRoot,
        String ledgerRoot,
        Ledger ledger,
        Boolean treeHeadSignatureValid,
        Integer latestVersion,
        SourceSigned sourceSignature) {

    /**
     * The publishing agency's own signature, checked: who signed (subject, and the agency the certificate names), when
     * (the signer's claim), and whether the certificate chain was tied to a trusted agency CA (false offline without
     * {@code --agency-ca}: the signature then only proves the certificate's key signed it).
     */
    public record SourceSigned(String signer, String agency, String signingTime, boolean chainChecked) {}

    /** The ledger coordinates checked: where the root was read and which transaction anchored it. */
    public record Ledger(String mode, String channel, String transactionId, Long blockNumber, String anchoredAt) {}
}
