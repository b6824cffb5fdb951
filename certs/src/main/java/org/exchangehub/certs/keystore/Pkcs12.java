package org.exchangehub.certs.keystore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.exchangehub.certs.sign.BouncyCastle;

/**
 * PKCS#12 key stores and trust stores. Written by the JDK (PBES2 with AES-256 and an HmacSHA256 MAC on JDK 17), so
 * Spring Boot and the JDK's TLS read them as they are; read here with Bouncy Castle, which also loads SM2 entries.
 */
public final class Pkcs12 {

    private Pkcs12() {}

    /** A key store holding one private key under {@code alias}, with its chain (leaf first, then issuers). */
    public static byte[] keyStore(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore store = emptyJdkStore();
            store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new));
            return store(store, password);
        } catch (GeneralSecurityException e) {
            throw new MaterialException("cannot build a PKCS#12 key store for '" + alias + "': " + e.getMessage(), e);
        }
    }

    /** A trust store holding the given certificates as trusted entries, keyed by alias. */
    public static byte[] trustStore(Map<String, X509Certificate> certificates, char[] password) {
        try {
            KeyStore store = emptyJdkStore();
            for (Map.Entry<String, X509Certificate> entry : certificates.entrySet()) {
                store.setCertificateEntry(entry.getKey(), entry.getValue());
            }
            return store(store, password);
        } catch (GeneralSecurityException e) {
            throw new MaterialException("cannot build a PKCS#12 trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a PKCS#12 file.
     *
     * @throws MaterialException naming the file when it is missing, the password is wrong or it is not PKCS#12
     */
    public static KeyStore read(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastle.provider());
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new MaterialException("no such file: " + file, e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new MaterialException("cannot open " + file + ": wrong password (or the file is corrupt)", e);
            }
            throw new MaterialException("cannot read " + file + " as a PKCS#12 key store: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new MaterialException("cannot read " + file + " as a PKCS#12 key store: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyJdkStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty key store cannot fail to load", e);
        }
        return store;
    }

    private static byte[] store(KeyStore store, char[] password) throws GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            store.store(out, password);
        } catch (IOException e) {
            throw new MaterialException("cannot encode a PKCS#12 store: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
