package org.exchangehub.certs.ca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.exchangehub.certs.keystore.MaterialBundle;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.Pem;
import org.exchangehub.certs.keystore.Pkcs12;
import org.exchangehub.certs.sign.SignatureAlgorithm;

/**
 * The throw-away development PKI of {@code certs init}: one root CA and, for each party, a signing, a TLS client and a
 * TLS server credential as PEM files and PKCS#12 key stores (alias: the party's name), plus one trust store holding
 * the CA certificate (alias {@value #TRUSTSTORE_ALIAS}) and an empty CRL; and, later, fresh credentials for one
 * party issued from that CA ({@link #issueParty}), keeping the ones they replace.
 */
public final class DevelopmentPki {

    /** The organization (O) in every subject. */
    public static final String ORGANIZATION = "exchange-hub dev";
    /** The alias of the CA certificate in {@code truststore.p12}. */
    public static final String TRUSTSTORE_ALIAS = "exchange-hub-dev-ca";
    /** The file that holds a generated password. */
    public static final String PASSWORD_FILE = "password.txt";
    /** The CA certificate, relative to the PKI directory. */
    public static final String CA_CERTIFICATE_FILE = "ca/ca.crt";
    /** The CA private key, relative to the PKI directory. */
    public static final String CA_KEY_FILE = "ca/ca.key";
    /** The CA's certificate revocation list (PEM), relative to the PKI directory. */
    public static final String CRL_FILE = "ca/ca.crl";
    /** The directory, in a party's, that keeps the credentials a rotation replaced. */
    public static final String RETIRED = "retired";

    private static final List<String> EXTENSIONS = List.of(".crt", ".key", ".p12");

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
            parties.forEach(DevelopmentPki::checkPartyName);
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

    /**
     * What {@code certs issue} makes for one party in an existing PKI.
     *
     * @param credentials which of the party's credentials to issue (at least one)
     * @param password the password of the new {@code .p12} files (the PKI's, so that all stores open alike)
     */
    public record PartySettings(
            String party, Set<PartyCredential> credentials, List<String> hosts, int validityDays, char[] password) {

        /** @throws IllegalArgumentException naming the party, host, number or password that is not acceptable */
        public PartySettings {
            checkPartyName(party);
            credentials = credentials.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(credentials));
            hosts = List.copyOf(hosts);
            if (credentials.isEmpty()) {
                throw new IllegalArgumentException("at least one profile is needed: " + PartyCredential.names());
            }
            hosts.forEach(SubjectAlternativeNames::host);
            if (validityDays < 1) {
                throw new IllegalArgumentException("validity must be at least 1 day, got " + validityDays);
            }
            if (password == null || password.length == 0) {
                throw new IllegalArgumentException("the key store password must not be empty");
            }
        }
    }

    private DevelopmentPki() {}

    /**
     * Checks a party name: lower-case letters, digits and '-', at most 63 characters, and not {@code ca}.
     *
     * @throws IllegalArgumentException naming the party
     */
    public static void checkPartyName(String party) {
        if (party == null || !PARTY.matcher(party).matches() || "ca".equals(party)) {
            throw new IllegalArgumentException(
                    "party name '" + party + "' is not allowed: use lower-case letters, digits and '-', and not 'ca'");
        }
    }

    /** Generates the whole PKI in memory; {@link MaterialBundle#writeTo} puts it on disk. */
    public static MaterialBundle generate(Settings settings) {
        Duration validity = Duration.ofDays(settings.validityDays());
        char[] password = settings.password() != null ? settings.password() : randomPassword();
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                settings.algorithm(), name("exchange-hub dev root CA"), CertificateProfile.ROOT_CA, validity);

        MaterialBundle bundle = new MaterialBundle();
        bundle.add(CA_CERTIFICATE_FILE, Pem.certificate(ca.certificate()));
        bundle.addSecret(CA_KEY_FILE, Pem.privateKey(ca.credential().privateKey()));
        bundle.add("truststore.p12", Pkcs12.trustStore(Map.of(TRUSTSTORE_ALIAS, ca.certificate()), password));
        bundle.add(
                CRL_FILE,
                RevocationList.empty(
                                ca,
                                Instant.now(),
                                ca.certificate().getNotAfter().toInstant())
                        .pem());
        for (String party : settings.parties()) {
            addParty(bundle, ca, party, EnumSet.allOf(PartyCredential.class), settings.hosts(), validity, password);
        }
        if (settings.password() == null) {
            bundle.addSecret(PASSWORD_FILE, new String(password) + "\n");
        }
        bundle.removeOnReplace(PASSWORD_FILE);
        bundle.add("README.txt", readme(settings, ca.certificate()));
        return bundle;
    }

    /**
     * Issues fresh key pairs and certificates for one party from {@code ca}, in the layout and naming of
     * {@link #generate}: what {@code certs issue} writes into an existing PKI. Where {@code pki} already holds one of
     * these credentials, the bundle also holds a copy of the old {@code .crt}, {@code .key} and {@code .p12} under
     * {@code <party>/retired/<old serial in hex>/}, so that writing the bundle (with replace) rotates the keys
     * without losing the old ones: signatures made with them can still be matched.
     *
     * @throws MaterialException if an existing credential of the party cannot be read (then it could not be retired)
     */
    public static MaterialBundle issueParty(CertificateAuthority ca, PartySettings settings, Path pki) {
        MaterialBundle bundle = new MaterialBundle();
        for (PartyCredential credential : settings.credentials()) {
            retire(bundle, pki, settings.party(), credential);
        }
        addParty(
                bundle,
                ca,
                settings.party(),
                settings.credentials(),
                settings.hosts(),
                Duration.ofDays(settings.validityDays()),
                settings.password());
        return bundle;
    }

    /** The files of these credentials of the party that already exist under {@code pki}. */
    public static List<Path> existingFiles(Path pki, String party, Set<PartyCredential> credentials) {
        List<Path> existing = new ArrayList<>();
        for (PartyCredential credential : EnumSet.copyOf(credentials)) {
            for (String extension : EXTENSIONS) {
                Path file = pki.resolve(party).resolve(credential.fileName() + extension);
                if (Files.exists(file)) {
                    existing.add(file);
                }
            }
        }
        return existing;
    }

    private static void retire(MaterialBundle bundle, Path pki, String party, PartyCredential credential) {
        List<Path> existing = existingFiles(pki, party, Set.of(credential));
        if (existing.isEmpty()) {
            return;
        }
        Path certificateFile = pki.resolve(party).resolve(credential.fileName() + ".crt");
        if (!Files.exists(certificateFile)) {
            throw new MaterialException(existing.get(0) + " exists without " + certificateFile
                    + ": cannot tell its serial to retire it; move it away first");
        }
        String serial = Pem.readCertificate(certificateFile).getSerialNumber().toString(16);
        for (Path file : existing) {
            String retired = party + "/" + RETIRED + "/" + serial + "/" + file.getFileName();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new MaterialException("cannot read " + file + " to retire it: " + e, e);
            }
            if (file.getFileName().toString().endsWith(".crt")) {
                bundle.add(retired, bytes);
            } else {
                bundle.addSecret(retired, bytes);
            }
        }
    }

    private static void addParty(
            MaterialBundle bundle,
            CertificateAuthority ca,
            String party,
            Set<PartyCredential> credentials,
            List<String> hostNames,
            Duration validity,
            char[] password) {
        List<GeneralName> serverNames = new ArrayList<>(SubjectAlternativeNames.hosts(hostNames));
        serverNames.add(SubjectAlternativeNames.host(party));
        serverNames.add(SubjectAlternativeNames.agency(party));
        List<GeneralName> agencyOnly = List.of(SubjectAlternativeNames.agency(party));
        X500Name subject = name(party);
        for (PartyCredential credential : EnumSet.copyOf(credentials)) {
            List<GeneralName> names = credential == PartyCredential.TLS_SERVER ? serverNames : agencyOnly;
            addCredential(
                    bundle,
                    party,
                    credential.fileName(),
                    ca.issue(subject, credential.profile(), names, validity),
                    ca,
                    password);
        }
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
                ca/ca.crl                     its certificate revocation list (empty; `certs revoke` adds to it)
                truststore.p12                the CA certificate, alias "%s"
                <party>/sign.crt|.key|.p12    record-signing certificate (digitalSignature, nonRepudiation)
                <party>/tls-client.*          TLS client certificate (clientAuth)
                <party>/tls-server.*          TLS server certificate (serverAuth; SANs: TLS hosts + party name)
                Every party certificate has subject CN=<party>, O=%s and the URI SAN
                urn:exchange-hub:agency:<party>. Keys are PEM PKCS#8; each .p12 holds the key under the alias
                "<party>" with the chain (certificate, CA). Key store password: %s.
                `certs issue --pki <this dir> --party <name>` adds a party; with --force it rotates the party's keys
                and keeps the old ones in <party>/retired/<serial>/.
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
