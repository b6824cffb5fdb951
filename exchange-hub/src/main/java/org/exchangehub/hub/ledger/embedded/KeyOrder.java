package org.exchangehub.hub.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** Orders ledger keys by their UTF-8 bytes, unsigned, as Fabric's LevelDB state database does. */
final class KeyOrder {

    static final Comparator<String> UTF8 = (a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b));

    private KeyOrder() {}

    static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
