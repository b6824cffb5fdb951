package org.exchangehub.adapters.outbound;

import java.net.URI;

/**
 * A push an agency did not accept: it answered other than 2xx, or could not be reached in time. The message says
 * what the agency said, so a dead letter shows it to the operator.
 */
public class PushFailedException extends RuntimeException {

    private static final int QUOTED_BODY_LIMIT = 2000;

    private final URI url;
    private final int status;
    private final String responseBody;

    PushFailedException(URI url, int status, String responseBody) {
        super("POST " + url + " answered " + status + ": " + quote(responseBody));
        this.url = url;
        this.status = status;
        this.responseBody = responseBody;
    }

    PushFailedException(URI url, String problem, Throwable cause) {
        super("POST " + url + " failed: " + problem, cause);
        this.url = url;
        this.status = 0;
        this.responseBody = "";
    }

    public URI url() {
        return url;
    }

    /** The HTTP status the agency answered, 0 when there was no answer (refused, timed out). */
    public int status() {
        return status;
    }

    /** The agency's answer as text, empty when there was none. */
    public String responseBody() {
        return responseBody;
    }

    private static String quote(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        return body.length() <= QUOTED_BODY_LIMIT ? body : body.substring(0, QUOTED_BODY_LIMIT) + "…";
    }
}
