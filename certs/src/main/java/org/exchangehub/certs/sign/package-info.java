/** Signatures (ECDSA P-256, SM2 with SM3) chosen by name, and key pairs for them. */
package org.exchangehub.certs.sign;
