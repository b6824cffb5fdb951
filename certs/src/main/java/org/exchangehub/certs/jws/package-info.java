/**
 * Detached JSON Web Signatures with an unencoded payload (RFC 7515 compact serialization, RFC 7797 {@code b64=false}):
 * how an agency signs the exact bytes the hub notarizes, with its certificate chain in {@code x5c}.
 */
package org.exchangehub.certs.jws;
