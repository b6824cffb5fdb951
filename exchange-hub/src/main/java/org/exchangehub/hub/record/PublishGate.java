package org.exchangehub.hub.record;

/**
 * Decides, before anything is stored, whether an agency may publish a record: its rights on the type and, where the
 * policy asks for one, its own signature over the canonical record. The publisher asks it for every record, whether it
 * came over the API or from an in-process adapter route.
 */
public interface PublishGate {

    /**
     * @param canonicalRecord the RFC 8785 bytes of {@code {type, id, version, source, payload}} when the request names
     *     its version; {@code null} when the hub assigns it
     * @return the verified source signature to keep with the record, or null when the record is not signed
     * @throws org.exchangehub.hub.api.ApiException when refused (nothing is stored then)
     */
    SourceSignature admit(String agency, RecordType type, PublishRequest request, byte[] canonicalRecord);
}
