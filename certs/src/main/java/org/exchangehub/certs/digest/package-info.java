/** Digests (SHA-256, SM3) chosen by name. Hex and Base64 come from {@link java.util.HexFormat} and {@link java.util.Base64}. */
package org.exchangehub.certs.digest;
