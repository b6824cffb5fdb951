package org.exchangehub.certs.cli;

import java.util.List;

/** Comma-separated option values, so that {@code --orderers=} means none. */
final class Names {

    private Names() {}

    static List<String> nonBlank(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .map(String::trim)
                        .filter(value -> !value.isEmpty())
                        .toList();
    }
}
