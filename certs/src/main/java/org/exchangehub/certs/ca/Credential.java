package org.exchangehub.certs.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A private key and the certificate that binds its public key to a name. */
public record Credential(PrivateKey privateKey, X509Certificate certificate) {}
