package org.exchangehub.adapters.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.exchangehub.adapters.hub.HubEndpoints;

/**
 * Settings of a route that pushes deliveries to an agency over HTTP.
 *
 * @param url the agency's base URL; the route appends its paths (e.g. {@code /contracts})
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long to wait for the whole answer; keep it below the hub's delivery lease
 * @param deliverUri the endpoint the hub delivers on, {@code direct:deliver-<receiver>}
 * @param publishUri where what the agency answers is published, {@link HubEndpoints#PUBLISH}
 */
public record PushSettings(
        URI url, Duration connectTimeout, Duration readTimeout, String deliverUri, String publishUri) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public PushSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(deliverUri, "deliverUri");
        Objects.requireNonNull(publishUri, "publishUri");
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, not " + connectTimeout);
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive, not " + readTimeout);
        }
    }

    /** The defaults for {@code receiver}: 5 s to connect, 30 s to answer, the hub's standard endpoints. */
    public static PushSettings of(String receiver, URI url) {
        return new PushSettings(
                url,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT,
                HubEndpoints.deliver(receiver),
                HubEndpoints.PUBLISH);
    }

    public PushSettings withTimeouts(Duration connect, Duration read) {
        return new PushSettings(url, connect, read, deliverUri, publishUri);
    }

    /** The URL of {@code path} under the agency's base URL. */
    public URI resolve(String path) {
        String base = url.toString();
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + (path.startsWith("/") ? path : "/" + path));
    }
}
