package org.exchangehub.hub.policy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.exchangehub.hub.record.RecordType;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The access policy, {@code hub.policy.agencies.<agency>.*}: per agency the record types it may {@code publish},
 * {@code read}, {@code feed} and {@code verify}; {@code require-source-signature} (its records must carry its own
 * signature); {@code masked} (personal fields are masked in everything it reads or receives). An agency or an
 * operation not listed is denied.
 */
@ConfigurationProperties("hub.policy")
public record PolicyProperties(Map<String, Grants> agencies) {

    public PolicyProperties {
        agencies = agencies == null ? Map.of() : Map.copyOf(new TreeMap<>(agencies));
    }

    /** One agency's rights. */
    public record Grants(
            Set<RecordType> publish,
            Set<RecordType> read,
            Set<RecordType> feed,
            Set<RecordType> verify,
            boolean requireSourceSignature,
            boolean masked) {

        public Grants {
            publish = publish == null ? Set.of() : Set.copyOf(publish);
            read = read == null ? Set.of() : Set.copyOf(read);
            feed = feed == null ? Set.of() : Set.copyOf(feed);
            verify = verify == null ? Set.of() : Set.copyOf(verify);
        }

        /** The types this grants for an operation. */
        public Set<RecordType> types(Operation operation) {
            return switch (operation) {
                case PUBLISH -> publish;
                case READ -> read;
                case FEED -> feed;
                case VERIFY -> verify;
            };
        }
    }
}
