/** Storage formats for keys and certificates (PEM, PKCS#12) and writing a set of such files all-or-nothing. */
package org.exchangehub.certs.keystore;
