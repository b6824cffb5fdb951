package org.exchangehub.certs.ca;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Why a certificate was revoked: the RFC 5280 section 5.3.1 reason codes an operator of the hub needs, named as in the
 * RFC ({@code keyCompromise}, ...). {@link #UNSPECIFIED} is written without a reason code extension, as RFC 5280 says.
 */
public enum RevocationReason {
    /** No reason given (code 0; written as an absent reason code). */
    UNSPECIFIED("unspecified", CRLReason.unspecified),
    /** The private key is known or suspected to be in other hands (code 1). */
    KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
    /** The certificate was replaced, for example by a key rotation (code 4). */
    SUPERSEDED("superseded", CRLReason.superseded),
    /** The party no longer takes part, for example an agency that left the exchange (code 5). */
    CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation);

    private final String rfcName;
    private final int code;

    RevocationReason(String rfcName, int code) {
        this.rfcName = rfcName;
        this.code = code;
    }

    /** The name RFC 5280 gives the reason, e.g. {@code keyCompromise}. */
    public String rfcName() {
        return rfcName;
    }

    /** The CRLReason code. */
    public int code() {
        return code;
    }

    /**
     * The reason with this RFC 5280 name, case-insensitively.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static RevocationReason byName(String name) {
        for (RevocationReason reason : values()) {
            if (reason.rfcName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown revocation reason '" + name + "'; expected one of: " + names());
    }

    /** The accepted names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(RevocationReason::rfcName).collect(Collectors.joining(", "));
    }
}
