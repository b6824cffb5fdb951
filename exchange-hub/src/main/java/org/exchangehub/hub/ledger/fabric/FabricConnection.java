package org.exchangehub.hub.ledger.fabric;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/** Opens the gRPC channel and the Gateway session from {@link FabricProperties}, with a clear error per bad file. */
record FabricConnection(ManagedChannel grpc, Gateway gateway) {

    static FabricConnection open(FabricProperties p) {
        require(p.peerEndpoint(), "hub.ledger.fabric.peer-endpoint");
        require(p.mspId(), "hub.ledger.fabric.msp-id");
        X509Certificate certificate = certificate(p.certificate(), "hub.ledger.fabric.certificate");
        PrivateKey key = privateKey(p.privateKey());
        ManagedChannel grpc = channel(p);
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(p.mspId(), certificate))
                .signer(Signers.newPrivateKeySigner(key))
                .hash(Hash.SHA256)
                .connection(grpc)
                .evaluateOptions(o -> o.withDeadlineAfter(millis(p.evaluateTimeout()), TimeUnit.MILLISECONDS))
                .endorseOptions(o -> o.withDeadlineAfter(millis(p.endorseTimeout()), TimeUnit.MILLISECONDS))
                .submitOptions(o -> o.withDeadlineAfter(millis(p.submitTimeout()), TimeUnit.MILLISECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(millis(p.commitStatusTimeout()), TimeUnit.MILLISECONDS))
                .connect();
        return new FabricConnection(grpc, gateway);
    }

    private static ManagedChannel channel(FabricProperties p) {
        ChannelCredentials credentials;
        if (p.tlsCaCertificate() == null) {
            credentials = InsecureChannelCredentials.create();
        } else {
            try {
                credentials = TlsChannelCredentials.newBuilder()
                        .trustManager(p.tlsCaCertificate().toFile())
                        .build();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "hub.ledger.fabric.tls-ca-certificate: cannot read " + p.tlsCaCertificate() + ": " + e, e);
            }
        }
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(p.peerEndpoint(), credentials);
        if (p.hostOverride() != null && !p.hostOverride().isBlank()) {
            builder.overrideAuthority(p.hostOverride());
        }
        return builder.build();
    }

    private static X509Certificate certificate(Path file, String property) {
        try (Reader reader = Files.newBufferedReader(existing(file, property))) {
            return Identities.readX509Certificate(reader);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(
                    property + ": " + file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String property = "hub.ledger.fabric.private-key";
        try (Reader reader = Files.newBufferedReader(existing(file, property))) {
            return Identities.readPrivateKey(reader);
        } catch (IOException | InvalidKeyException e) {
            throw new IllegalArgumentException(
                    property + ": " + file + " is not a PEM private key: " + e.getMessage(), e);
        }
    }

    private static Path existing(Path file, String property) {
        if (file == null) {
            throw new IllegalArgumentException(property + " is not set");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(property + ": no file at " + file.toAbsolutePath());
        }
        return file;
    }

    private static void require(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is not set");
        }
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }
}
