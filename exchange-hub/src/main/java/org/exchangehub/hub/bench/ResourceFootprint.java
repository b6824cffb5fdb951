package org.exchangehub.hub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a run leaves on disk per record and the process's peak resident memory, read after the last round. */
final class ResourceFootprint {

    private final JdbcClient jdbc;
    private final String databaseUrl;
    private final Path dataDir;

    ResourceFootprint(JdbcClient jdbc, String databaseUrl, Path dataDir) {
        this.jdbc = jdbc;
        this.databaseUrl = databaseUrl;
        this.dataDir = dataDir;
    }

    BenchResult.ResourceUse measure() {
        long records = jdbc.sql("SELECT COUNT(*) FROM record_version")
                .query(Long.class)
                .single();
        return new BenchResult.ResourceUse(databaseBytes(), records, peakRssBytes());
    }

    /** PostgreSQL: the database's size as the server counts it; H2: every file in the data directory. */
    private long databaseBytes() {
        if (databaseUrl.startsWith("jdbc:postgresql:")) {
            return jdbc.sql("SELECT pg_database_size(current_database())")
                    .query(Long.class)
                    .single();
        }
        return directoryBytes(dataDir);
    }

    static long directoryBytes(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> {
                        try {
                            return Files.size(path);
                        } catch (IOException e) {
                            return 0; // removed while walking (a temporary file)
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process's peak resident set ({@code VmHWM} in /proc/self/status), 0 where there is no such file. */
    static long peakRssBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
