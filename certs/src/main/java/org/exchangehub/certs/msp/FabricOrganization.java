package org.exchangehub.certs.msp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.exchangehub.certs.ca.CertificateAuthority;
import org.exchangehub.certs.ca.CertificateProfile;
import org.exchangehub.certs.ca.SubjectAlternativeNames;
import org.exchangehub.certs.keystore.MaterialBundle;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.sign.SignatureAlgorithm;

/**
 * The crypto material of one Fabric organization in cryptogen's layout: {@code ca/}, {@code tlsca/}, {@code msp/}
 * (NodeOUs enabled), {@code peers/<name>.<domain>/}, {@code orderers/<name>.<domain>/} and {@code
 * users/<user>@<domain>/}, each with {@code msp/} (key in {@code keystore/priv_sk}) and {@code tls/}. The user named
 * {@code Admin} gets OU=admin, other users OU=client.
 */
public final class FabricOrganization {

    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern NODE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** What to generate; names are checked here, with the offending value in the message. */
    public record Settings(
            String mspId,
            String domain,
            List<String> peers,
            List<String> orderers,
            List<String> users,
            SignatureAlgorithm algorithm,
            List<String> hosts,
            int validityDays) {

        /** @throws IllegalArgumentException naming the value that is not acceptable */
        public Settings {
            peers = List.copyOf(peers);
            orderers = List.copyOf(orderers);
            users = List.copyOf(users);
            hosts = List.copyOf(hosts);
            require(MSP_ID, mspId, "MSP ID");
            require(DOMAIN, domain, "domain (lower-case DNS name)");
            peers.forEach(peer -> require(NODE, peer, "peer name"));
            orderers.forEach(orderer -> require(NODE, orderer, "orderer name"));
            users.forEach(user -> require(USER, user, "user name"));
            List<String> nodes = new ArrayList<>(peers);
            nodes.addAll(orderers);
            if (new HashSet<>(nodes).size() != nodes.size()) {
                throw new IllegalArgumentException("peer and orderer names repeat: " + nodes);
            }
            if (users.stream()
                            .map(user -> user.toLowerCase(Locale.ROOT))
                            .distinct()
                            .count()
                    != users.size()) {
                throw new IllegalArgumentException("user names repeat: " + users);
            }
            if (peers.isEmpty() && orderers.isEmpty() && users.isEmpty()) {
                throw new IllegalArgumentException("nothing to generate: no peers, orderers or users");
            }
            hosts.forEach(SubjectAlternativeNames::host);
            if (validityDays < 1) {
                throw new IllegalArgumentException("validity must be at least 1 day, got " + validityDays);
            }
        }

        private static void require(Pattern pattern, String value, String what) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException("'" + value + "' is not a valid " + what);
            }
        }
    }

    private FabricOrganization() {}

    /** Whether stock Hyperledger Fabric can use material of this algorithm (it only accepts ECDSA). */
    public static boolean fabricAccepts(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.ECDSA_P256;
    }

    /** Generates the organization in memory; {@link MaterialBundle#writeTo} puts it on disk. */
    public static MaterialBundle generate(Settings settings) {
        String domain = settings.domain();
        Duration validity = Duration.ofDays(settings.validityDays());
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                settings.algorithm(), caName(domain, "ca." + domain), CertificateProfile.FABRIC_CA, validity);
        CertificateAuthority tlsCa = CertificateAuthority.selfSigned(
                settings.algorithm(), caName(domain, "tlsca." + domain), CertificateProfile.FABRIC_CA, validity);
        LocalMsp local = new LocalMsp(ca, tlsCa, domain, validity);

        MaterialBundle bundle = new MaterialBundle();
        bundle.add("ca/ca." + domain + "-cert.pem", Pem.certificate(ca.certificate()));
        bundle.addSecret("ca/priv_sk", Pem.privateKey(ca.credential().privateKey()));
        bundle.add("tlsca/tlsca." + domain + "-cert.pem", Pem.certificate(tlsCa.certificate()));
        bundle.addSecret("tlsca/priv_sk", Pem.privateKey(tlsCa.credential().privateKey()));
        local.addVerifyingMsp(bundle, "msp");
        for (String peer : settings.peers()) {
            String fqdn = peer + "." + domain;
            local.add(bundle, "peers/" + fqdn, fqdn, NodeType.PEER, serverNames(peer, fqdn, settings.hosts()));
        }
        for (String orderer : settings.orderers()) {
            String fqdn = orderer + "." + domain;
            local.add(bundle, "orderers/" + fqdn, fqdn, NodeType.ORDERER, serverNames(orderer, fqdn, settings.hosts()));
        }
        for (String user : settings.users()) {
            String name = user + "@" + domain;
            NodeType type = "admin".equalsIgnoreCase(user) ? NodeType.ADMIN : NodeType.CLIENT;
            local.add(bundle, "users/" + name, name, type, List.of());
        }
        bundle.add("README.txt", readme(settings));
        return bundle;
    }

    private static List<GeneralName> serverNames(String name, String fqdn, List<String> hosts) {
        List<GeneralName> names = new ArrayList<>();
        names.add(SubjectAlternativeNames.host(name));
        names.add(SubjectAlternativeNames.host(fqdn));
        names.addAll(SubjectAlternativeNames.hosts(hosts));
        return names;
    }

    private static X500Name caName(String domain, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, domain)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static String readme(Settings settings) {
        return """
                THROW-AWAY DEVELOPMENT MATERIAL - NOT FOR PRODUCTION
                ====================================================
                Fabric organization %s (domain %s), generated by `certs msp` at %s in the layout of
                Fabric's cryptogen. Private keys (priv_sk, *.key) are unencrypted: use this only for a development
                network, never commit it.

                algorithm: %s%s
                peers:     %s
                orderers:  %s
                users:     %s (Admin has OU=admin, the others OU=client)
                """.formatted(
                        settings.mspId(),
                        settings.domain(),
                        Instant.now(),
                        settings.algorithm().standardName(),
                        fabricAccepts(settings.algorithm()) ? "" : " - stock Hyperledger Fabric will NOT accept it",
                        String.join(", ", settings.peers()),
                        String.join(", ", settings.orderers()),
                        String.join(", ", settings.users()));
    }
}
