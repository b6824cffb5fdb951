package org.exchangehub.adapters.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A delivery as an agency takes it: the path under the agency's base URL and the JSON body in its native format.
 *
 * @param path e.g. {@code /contracts}
 * @param body the native JSON
 */
public record AgencyMessage(String path, JsonNode body) {

    public AgencyMessage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
    }
}
