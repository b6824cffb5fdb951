package org.exchangehub.certs.msp;

/** The Fabric NodeOU roles, with the OU they put in the signing certificate and the name of their TLS files. */
enum NodeType {
    PEER("peer", "server"),
    ORDERER("orderer", "server"),
    ADMIN("admin", "client"),
    CLIENT("client", "client");

    private final String organizationalUnit;
    private final String tlsFilePrefix;

    NodeType(String organizationalUnit, String tlsFilePrefix) {
        this.organizationalUnit = organizationalUnit;
        this.tlsFilePrefix = tlsFilePrefix;
    }

    /** The OU of the signing certificate, as matched by the NodeOUs of config.yaml. */
    String organizationalUnit() {
        return organizationalUnit;
    }

    /** {@code server} for peers and orderers, {@code client} for users: tls/server.crt or tls/client.crt. */
    String tlsFilePrefix() {
        return tlsFilePrefix;
    }
}
