package org.exchangehub.hub.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchangehub.hub.notary.Receipt;

/**
 * What a verification is asked about: a record with its receipt, a record alone, or a bare digest.
 *
 * @param record the record as the hub returned it ({@code type, id, version, source, payload})
 * @param receipt its receipt, as the hub returned it
 * @param digest a bare hex digest, when there is neither
 */
public record VerifyRequest(JsonNode record, Receipt receipt, String digest) {}
