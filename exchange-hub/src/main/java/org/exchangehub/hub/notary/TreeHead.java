package org.exchangehub.hub.notary;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.exchangehub.certs.canonical.JsonCanonicalizer;

/**
 * What the hub signs for each batch, like a transparency log's signed tree head: the batch id, the hash algorithm,
 * the Merkle root, the number of leaves and when it was sealed. The signature covers the RFC 8785 bytes of these five
 * members, so anyone can rebuild the statement from a receipt and check it.
 */
public record TreeHead(String batchId, String hashAlgorithm, String merkleRoot, long treeSize, Instant sealedAt) {

    /** The signed bytes. */
    public byte[] statement() {
        ObjectNode head = JsonNodeFactory.instance.objectNode();
        head.put("batchId", batchId);
        head.put("hashAlgorithm", hashAlgorithm);
        head.put("merkleRoot", merkleRoot);
        head.put("treeSize", treeSize);
        head.put("sealedAt", sealedAt.toString());
        return JsonCanonicalizer.canonicalize(head);
    }
}
