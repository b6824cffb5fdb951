package org.exchangehub.hub.record;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How records are accepted: {@code hub.records.*}.
 *
 * @param hashAlgorithm digest of the canonical record: {@code SHA-256} (default) or {@code SM3}
 * @param maxPayloadBytes the largest canonical payload accepted
 * @param groupCommit the most concurrent publish calls appended in one database transaction (1: each call its own);
 *     a call waits for no other, but calls that arrive while a transaction is being committed share the next one
 */
@Validated
@ConfigurationProperties("hub.records")
public record RecordProperties(
        @NotBlank @DefaultValue("SHA-256") String hashAlgorithm,
        @Min(256) @Max(4_000_000) @DefaultValue("65536") int maxPayloadBytes,
        @Min(1) @Max(1000) @DefaultValue("32") int groupCommit) {}
