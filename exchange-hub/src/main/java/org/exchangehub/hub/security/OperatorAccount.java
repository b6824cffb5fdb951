package org.exchangehub.hub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's password: {@code hub.security.operator.password} when configured, otherwise one generated at the
 * first start and kept in {@code <data-dir>/security/operator-password} (mode 600, never in the repository), so it
 * survives restarts and the operator reads it on the machine. The log says where it is, never the password.
 */
final class OperatorAccount {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccount.class);
    static final String FILE = "security/operator-password";

    private OperatorAccount() {}

    /** The configured password, or the generated one (generating it when absent). */
    static String password(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Files.createDirectories(file.getParent());
                Path staged = Files.createTempFile(file.getParent(), "operator-password", ".tmp");
                try {
                    Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data directory's own permissions protect it
                }
                Files.writeString(staged, generated + "\n", StandardCharsets.UTF_8);
                Files.move(staged, file);
                log.warn(
                        "Generated the operator password; it is in {} (user name in hub.security.operator.username)",
                        file.toAbsolutePath());
            } else {
                log.info("Operator password: {}", file.toAbsolutePath());
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the operator password file " + file, e);
        }
    }
}
