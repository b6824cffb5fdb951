package org.exchangehub.certs.keystore;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.exchangehub.certs.sign.BouncyCastle;

/** PEM text of certificates and unencrypted PKCS#8 private keys, and reading them back (P-256 and SM2 alike). */
public final class Pem {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    /** One certificate as a {@code CERTIFICATE} block. */
    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new MaterialException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** A private key as a PKCS#8 {@code PRIVATE KEY} block (what OpenSSL 1.1+, Fabric and Go write). */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new MaterialException(
                    "a " + key.getAlgorithm() + " key in format " + key.getFormat() + " cannot be written as PKCS#8");
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** All certificates of a PEM file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider());
        for (Object object : readObjects(file)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new MaterialException(file + " holds a " + describe(object) + ", not only certificates");
            }
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new MaterialException(file + " holds an unreadable certificate: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new MaterialException(file + " holds no PEM certificate");
        }
        return certificates;
    }

    /** The first (normally only) certificate of a PEM file. */
    public static X509Certificate readCertificate(Path file) {
        return readCertificates(file).get(0);
    }

    /** The private key of a PEM file: PKCS#8 ({@code PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}), unencrypted. */
    public static PrivateKey readPrivateKey(Path file) {
        List<Object> objects = readObjects(file);
        if (objects.isEmpty()) {
            throw new MaterialException(file + " holds no PEM private key");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.provider());
        Object object = objects.get(0);
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                // OpenSSL "EC PRIVATE KEY" (SEC 1); its public key part is optional, so take the private key only
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new MaterialException(file + " holds an unreadable private key: " + e.getMessage(), e);
        }
        throw new MaterialException(file + " holds a " + describe(object) + ", not an unencrypted private key");
    }

    private static List<Object> readObjects(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new MaterialException("no such file: " + file, e);
        } catch (IOException e) {
            throw new MaterialException("cannot read " + file + ": " + e, e);
        }
        List<Object> objects = new ArrayList<>();
        try (Reader reader = new StringReader(text);
                PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new MaterialException(file + " is not valid PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    private static String describe(Object object) {
        String name = object.getClass().getSimpleName();
        return name.startsWith("PKCS8Encrypted") ? "encrypted private key (decrypt it first)" : name;
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
