package org.exchangehub.certs.ca;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.exchangehub.certs.keystore.MaterialBundle;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.keystore.Pkcs12;
import org.exchangehub.certs.sign.SignatureAlgorithm;

/**
 * The throw-away development PKI of {@code certs init}: one root CA and, for each party, a signing, a TLS client and a
 * TLS server credential as PEM files and PKCS#12 key stores (alias: the party's name), plus one trust store holding
 * the CA certificate (alias {@value #TRUSTSTORE_ALIAS}).
 */
public final class DevelopmentPki {

    /** The organization (O) in every subject. */
    public static final String ORGANIZATION = "exchange-hub dev";
    /** The alias of the CA certificate in {@code truststore.p12}. */
    public static final String TRUSTSTORE_ALIAS = "exchange-hub-dev-ca";
    /** The file that holds a generated password. */
    public static final String PASSWORD_FILE = "password.txt";

    private static final Pattern PARTY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * What to generate.
     *
     * @param password the key store password, or null to generate one and write it to {@value #PASSWORD_FILE}
     */
    public record Settings(
            SignatureAlgorithm algorithm, List<String> parties, List<String> hosts, int validityDays, char[] password) {

        /** @throws IllegalArgumentException naming the party, host or number that is not acceptable */
        public Settings {
            parties = List.copyOf(parties);
            hosts = List.copyOf(hosts);
            if (parties.isEmpty()) {
                throw new IllegalArgumentException("at least one party is needed");
            }
            for (String party : parties) {
                if (!PARTY.matcher(party).matches() || "ca".equals(party)) {
                    throw new IllegalArgumentException("party name '" + party
                            + "' is not allowed: use lower-case letters, digits and '-', and not 'ca'");
                }
            }
            if (new HashSet<>(parties).size() != parties.size()) {
                throw new IllegalArgumentException("party names repeat: " + parties);
            }
            hosts.forEach(SubjectAlternativeNames::host);
            if (validityDays < 1) {
                throw new IllegalArgumentException("validity must be at least 1 day, got " + validityDays);
            }
            if (password != null && password.length == 0) {
                throw new IllegalArgumentException("the key store password must not be empty");
            }
        }
    }

    private DevelopmentPki() {}

    /** Generates the whole PKI in memory; {@link MaterialBundle#writeTo} puts it on disk. */
    public static MaterialBundle generate(Settings settings) {
        Duration validity = Duration.ofDays(settings.validityDays());
        char[] password = settings.password() != null ? settings.password() : randomPassword();
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                settings.algorithm(), name("exchange-hub dev root CA"), CertificateProfile.ROOT_CA, validity);

        MaterialBundle bundle = new MaterialBundle();
        bundle.add("ca/ca.crt", Pem.certificate(ca.certificate()));
        bundle.addSecret("ca/ca.key", Pem.privateKey(ca.credential().privateKey()));
        bundle.add("truststore.p12", Pkcs12.trustStore(Map.of(TRUSTSTORE_ALIAS, ca.certificate()), password));
        List<GeneralName> hosts = SubjectAlternativeNames.hosts(settings.hosts());
        for (String party : settings.parties()) {
            List<GeneralName> serverNames = new ArrayList<>(hosts);
            serverNames.add(SubjectAlternativeNames.host(party));
            serverNames.add(SubjectAlternativeNames.agency(party));
            List<GeneralName> agencyOnly = List.of(SubjectAlternativeNames.agency(party));
            X500Name subject = name(party);
            addCredential(
                    bundle,
                    party,
                    "sign",
                    ca.issue(subject, CertificateProfile.SIGNING, agencyOnly, validity),
                    ca,
                    password);
            addCredential(
                    bundle,
                    party,
                    "tls-client",
                    ca.issue(subject, CertificateProfile.TLS_CLIENT, agencyOnly, validity),
                    ca,
                    password);
            addCredential(
                    bundle,
                    party,
                    "tls-server",
                    ca.issue(subject, CertificateProfile.TLS_SERVER, serverNames, validity),
                    ca,
                    password);
        }
        if (settings.password() == null) {
            bundle.addSecret(PASSWORD_FILE, new String(password) + "\n");
        }
        bundle.removeOnReplace(PASSWORD_FILE);
        bundle.add("README.txt", readme(settings, ca.certificate()));
        return bundle;
    }

    private static void addCredential(
            MaterialBundle bundle,
            String party,
            String kind,
            Credential credential,
            CertificateAuthority ca,
            char[] password) {
        String base = party + "/" + kind;
        bundle.add(base + ".crt", Pem.certificate(credential.certificate()));
        bundle.addSecret(base + ".key", Pem.privateKey(credential.privateKey()));
        bundle.addSecret(
                base + ".p12",
                Pkcs12.keyStore(
                        party, credential.privateKey(), List.of(credential.certificate(), ca.certificate()), password));
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static String readme(Settings settings, X509Certificate ca) {
        String passwordSource = settings.password() == null
                ? "generated, in " + PASSWORD_FILE
                : "the one given to certs init (--password or CERTS_PASSWORD)";
        return """
                THROW-AWAY DEVELOPMENT MATERIAL - NOT FOR PRODUCTION
                ====================================================
                Generated by `certs init` at %s. The private keys below are unencrypted and the CA can
                issue anything: use this only on a development machine, never commit it, never trust it elsewhere.

                algorithm:   %s (curve %s)
                parties:     %s
                TLS hosts:   %s (plus each party's own name)
                valid until: %s

                ca/ca.crt, ca/ca.key          the root CA (CN=exchange-hub dev root CA, O=%s)
                truststore.p12                the CA certificate, alias "%s"
                <party>/sign.crt|.key|.p12    record-signing certificate (digitalSignature, nonRepudiation)
                <party>/tls-client.*          TLS client certificate (clientAuth)
                <party>/tls-server.*          TLS server certificate (serverAuth; SANs: TLS hosts + party name)
                Every party certificate has subject CN=<party>, O=%s and the URI SAN
                urn:exchange-hub:agency:<party>. Keys are PEM PKCS#8; each .p12 holds the key under the alias
                "<party>" with the chain (certificate, CA). Key store password: %s.
                """.formatted(
                        Instant.now(),
                        settings.algorithm().standardName(),
                        settings.algorithm().curveName(),
                        String.join(", ", settings.parties()),
                        String.join(", ", settings.hosts()),
                        ca.getNotAfter().toInstant(),
                        ORGANIZATION,
                        TRUSTSTORE_ALIAS,
                        ORGANIZATION,
                        passwordSource);
    }
}
