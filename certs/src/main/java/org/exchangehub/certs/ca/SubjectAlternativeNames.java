package org.exchangehub.certs.ca;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

/** Subject alternative names: host names and IP addresses for TLS, and the URI that names an agency. */
public final class SubjectAlternativeNames {

    /** The URI SAN prefix by which the hub maps a client certificate to an agency: {@code urn:exchange-hub:agency:}. */
    public static final String AGENCY_URN_PREFIX = "urn:exchange-hub:agency:";

    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    /** No top-level domain is numeric (RFC 3696 section 2): "300.1.1.1" is a mistyped address, not a name. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(^|\\.)[0-9]+$");

    private static final int URI = 6;

    private SubjectAlternativeNames() {}

    /**
     * A host as a SAN: an IP address (v4 or v6 literal, never looked up) or a DNS name.
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static GeneralName host(String host) {
        String trimmed = host == null ? "" : host.trim();
        if (IPAddress.isValid(trimmed)) {
            return new GeneralName(GeneralName.iPAddress, trimmed);
        }
        if (trimmed.length() <= 253
                && DNS_NAME.matcher(trimmed).matches()
                && !NUMERIC_LAST_LABEL.matcher(trimmed).find()) {
            return new GeneralName(GeneralName.dNSName, trimmed);
        }
        throw new IllegalArgumentException("'" + host + "' is neither an IP address nor a DNS name");
    }

    /** Each host as a SAN, in order; see {@link #host(String)}. */
    public static List<GeneralName> hosts(Collection<String> hosts) {
        return hosts.stream().map(SubjectAlternativeNames::host).toList();
    }

    /** The URI SAN {@code urn:exchange-hub:agency:<agency>}. */
    public static GeneralName agency(String agency) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, AGENCY_URN_PREFIX + agency);
    }

    /**
     * The agency a certificate was issued to, from its {@code urn:exchange-hub:agency:} URI SAN; empty when it has none,
     * or more than one (then it names no single agency).
     */
    public static Optional<String> agencyOf(X509Certificate certificate) {
        List<String> agencies = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (((Integer) name.get(0)) == URI && name.get(1) instanceof String uri) {
                        if (uri.startsWith(AGENCY_URN_PREFIX)) {
                            agencies.add(uri.substring(AGENCY_URN_PREFIX.length()));
                        }
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        return agencies.size() == 1 ? Optional.of(agencies.get(0)) : Optional.empty();
    }
}
