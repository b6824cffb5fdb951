/** RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes that are hashed and signed for a JSON record. */
package org.exchangehub.certs.canonical;
