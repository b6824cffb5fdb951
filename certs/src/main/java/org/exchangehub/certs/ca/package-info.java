/** Certificate authorities and the certificates they issue: the development PKI of {@code certs init}. */
package org.exchangehub.certs.ca;
