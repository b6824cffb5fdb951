package org.exchangehub.certs.sign;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The Bouncy Castle JCA provider, registered once (after the JDK's own) for what the JDK lacks: SM2, SM3. */
public final class BouncyCastle {

    private BouncyCastle() {}

    /** The registered provider; registers it on first use, and reuses one that someone else registered. */
    public static synchronized Provider provider() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (registered != null) {
            return registered;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }
}
