package org.exchangehub.hub.record;

import java.time.Instant;

/**
 * An agency's own signature over a record it published, as the hub verified and keeps it: the detached JWS (which
 * carries the signer's certificate chain and signing time), and for reading at a glance the signer's subject and the
 * signing time.
 */
public record SourceSignature(String jws, String signer, Instant signingTime) {}
