package org.exchangehub.certs.msp;

/** The config.yaml that enables NodeOUs, as cryptogen writes it: every role certified by the organization's CA. */
final class MspConfig {

    private MspConfig() {}

    static String nodeOus(String caCertificateFile) {
        String certificate = "cacerts/" + caCertificateFile;
        StringBuilder yaml = new StringBuilder("NodeOUs:\n  Enable: true\n");
        for (String[] role : new String[][] {
            {"ClientOUIdentifier", "client"},
            {"PeerOUIdentifier", "peer"},
            {"AdminOUIdentifier", "admin"},
            {"OrdererOUIdentifier", "orderer"}
        }) {
            yaml.append("  ").append(role[0]).append(":\n");
            yaml.append("    Certificate: ").append(certificate).append('\n');
            yaml.append("    OrganizationalUnitIdentifier: ").append(role[1]).append('\n');
        }
        return yaml.toString();
    }
}
