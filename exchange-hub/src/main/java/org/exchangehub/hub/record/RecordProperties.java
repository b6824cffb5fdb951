package org.exchangehub.hub.record;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How records are accepted: {@code hub.records.*}.
 *
 * @param hashAlgorithm digest of the canonical record: {@code SHA-256} (default) or {@code SM3}
 * @param maxPayloadBytes the largest canonical payload accepted
 * @param publishers which agency may publish which types; by default each type's source agency (MISSION.md)
 */
@Validated
@ConfigurationProperties("hub.records")
public record RecordProperties(
        @NotBlank @DefaultValue("SHA-256") String hashAlgorithm,
        @Min(256) @Max(4_000_000) @DefaultValue("65536") int maxPayloadBytes,
        Map<String, Set<RecordType>> publishers) {

    public RecordProperties {
        if (publishers == null || publishers.isEmpty()) {
            Map<String, Set<RecordType>> bySource = new TreeMap<>();
            for (RecordType type : RecordType.values()) {
                bySource.computeIfAbsent(type.sourceAgency(), a -> EnumSet.noneOf(RecordType.class))
                        .add(type);
            }
            publishers = bySource;
        }
        publishers = Map.copyOf(publishers);
    }

    /** Whether {@code agency} may publish records of {@code type}. */
    public boolean mayPublish(String agency, RecordType type) {
        return publishers.getOrDefault(agency, Set.of()).contains(type);
    }
}
