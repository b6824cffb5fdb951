package org.exchangehub.certs.keystore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A set of files (keys, certificates, stores) generated in memory and then written all-or-nothing: first into a
 * staging directory beside the target, then moved into place. Secret files get mode 600 where the file system has
 * POSIX permissions.
 */
public final class MaterialBundle {

    private record Content(byte[] bytes, boolean secret) {}

    private final Map<String, Content> files = new TreeMap<>();
    private final Set<String> directories = new TreeSet<>();
    private final Set<String> obsolete = new TreeSet<>();

    /** Adds a public file (certificate, configuration) at a path relative to the target, with '/' separators. */
    public MaterialBundle add(String relativePath, String text) {
        return put(relativePath, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Adds a public binary file (a trust store). */
    public MaterialBundle add(String relativePath, byte[] bytes) {
        return put(relativePath, bytes.clone(), false);
    }

    /** Adds a file only its owner may read (private key, key store, password). */
    public MaterialBundle addSecret(String relativePath, byte[] bytes) {
        return put(relativePath, bytes.clone(), true);
    }

    /** Adds a file only its owner may read, as UTF-8 text. */
    public MaterialBundle addSecret(String relativePath, String text) {
        return put(relativePath, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Adds a directory that exists even when empty (Fabric's {@code admincerts}). */
    public MaterialBundle addDirectory(String relativePath) {
        directories.add(relativePath);
        return this;
    }

    /** Names a file of an earlier run that must go when this bundle replaces it (a password file no longer used). */
    public MaterialBundle removeOnReplace(String relativePath) {
        obsolete.add(relativePath);
        return this;
    }

    /** The relative paths of the files, sorted. */
    public Set<String> files() {
        return Set.copyOf(files.keySet());
    }

    /** The content of one file, or null. */
    public byte[] content(String relativePath) {
        Content content = files.get(relativePath);
        return content == null ? null : content.bytes().clone();
    }

    /** The files of this bundle (and obsolete ones) that already exist under {@code target}. */
    public List<Path> existingIn(Path target) {
        List<Path> existing = new ArrayList<>();
        Stream.concat(files.keySet().stream(), obsolete.stream())
                .map(target::resolve)
                .filter(Files::exists)
                .forEach(existing::add);
        return existing;
    }

    /**
     * Writes every file under {@code target}.
     *
     * @param replace whether files that already exist may be replaced; if not and some exist, nothing is written
     * @throws OutputExistsException if files exist and {@code replace} is false
     * @throws MaterialException on an I/O error; then nothing of this bundle is left in {@code target}'s files
     */
    public void writeTo(Path target, boolean replace) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new MaterialException(absolute + " exists and is not a directory");
        }
        List<Path> existing = existingIn(absolute);
        if (!existing.isEmpty() && !replace) {
            throw new OutputExistsException(absolute, existing);
        }
        Path staging = null;
        try {
            Files.createDirectories(absolute.getParent());
            staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".staging-");
            writeAll(staging);
            moveInto(staging, absolute);
        } catch (IOException | UncheckedIOException e) {
            throw new MaterialException("cannot write to " + absolute + ": " + e, e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private MaterialBundle put(String relativePath, byte[] bytes, boolean secret) {
        if (relativePath.startsWith("/") || relativePath.contains("..") || relativePath.contains("\\")) {
            throw new IllegalArgumentException("not a plain relative path: " + relativePath);
        }
        files.put(relativePath, new Content(bytes, secret));
        return this;
    }

    private void writeAll(Path staging) throws IOException {
        for (String directory : directories) {
            Files.createDirectories(staging.resolve(directory));
        }
        for (Map.Entry<String, Content> file : files.entrySet()) {
            Path path = staging.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue().bytes());
            if (file.getValue().secret() && isPosix(path)) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    private void moveInto(Path staging, Path target) throws IOException {
        if (!Files.exists(target)) {
            if (isPosix(staging)) {
                // a temporary directory starts as 700; the material directory is as readable as any other
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile: fall through and move file by file
            }
        }
        for (String directory : directories) {
            Files.createDirectories(target.resolve(directory));
        }
        for (String file : files.keySet()) {
            Path destination = target.resolve(file);
            Files.createDirectories(destination.getParent());
            Files.move(
                    staging.resolve(file),
                    destination,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        for (String file : obsolete) {
            if (!files.containsKey(file)) {
                Files.deleteIfExists(target.resolve(file));
            }
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover hidden staging directory does no harm
        }
    }
}
