package org.exchangehub.adapters.inbound;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.exchangehub.adapters.hub.PublishResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every record of the export files of one format dropped into the inbox, then moves each file to the done
 * folder; rejected records are listed in {@code error/<file>.rejected.txt}, and an unreadable file goes to the error
 * folder with {@code error/<file>.reason.txt}.
 *
 * <p>Routes: {@code <agency>-file-<format>} (the inbox, e.g. {@code housing-file-contracts}) and {@code
 * <agency>-file-<format>-record} (one record: idempotent consumer, mapping, publish, outcome).
 *
 * <p>A file is moved only when all its records are decided. When the hub cannot decide on one, the file's exchange
 * fails and the file stays in the inbox to be read again from the start after {@code pollDelay}: the records
 * published before are either skipped by the idempotent repository (key {@code <file name>#<sha-256>#<n>}, added
 * only once a record completed) or, after a crash that lost the key, answered by the hub with the same version. The
 * file is first read once without publishing, so a file that breaks halfway publishes nothing.
 *
 * <p>Several hub instances on one inbox (a shared folder): a look at the inbox lists files only while this instance
 * holds the route's claim ({@link InboundClaims}, source = the route id), checked again before each record, so one
 * instance at a time reads a format's files, in name order. A file whose reader died stays in the inbox, and the next
 * holder reads it from the start; the hub answers the records published before with the same versions (ADR 7, 12).
 */
public final class FileDropRoute extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(FileDropRoute.class);

    // The folder a file is moved to when its exchange completes; unset on failure, so the file stays.
    private static final String TARGET_FOLDER = "HubFileDropTarget";

    private final FileDropSettings settings;
    private final ExportFileFormat format;
    private final String routeId;
    private final RecordPublication publication;
    private final InboundClaims.Claim claim;

    public FileDropRoute(FileDropSettings settings, ExportFileFormat format) {
        this.settings = settings;
        this.format = format;
        this.routeId = settings.agency() + "-file-" + format.name();
        this.publication = new RecordPublication(
                routeId + "-record", settings.agency(), settings.publishUri(), settings.idempotentRepository());
        this.claim = settings.claims().claim(routeId);
    }

    /** The id of the inbox route, e.g. {@code housing-file-contracts}. */
    public String routeId() {
        return routeId;
    }

    @Override
    public void configure() throws Exception {
        publication.defineRoute(this);
        // stopped with the context, after the routes: gives the inbox back for another instance at once
        getContext().addService(claim, true, true);
        long minAge = settings.minFileAge().toMillis();
        String uri = "file:" + settings.inbox()
                + "?includeExt=" + format.fileExtension()
                + "&sortBy=file:name"
                + "&delay=" + settings.pollDelay().toMillis()
                // No marker files: the routes of several formats share one inbox, and each route's start would
                // delete the others' markers as orphans; the claim keeps other instances out.
                + "&readLock=changed&readLockMarkerFile=false&readLockMinAge=" + minAge
                + "&readLockCheckInterval=" + Math.max(10, Math.min(1000, minAge / 2))
                + "&move=${header." + TARGET_FOLDER + "}/${file:name}";
        ScheduledPollEndpoint inbox = getContext().getEndpoint(uri, ScheduledPollEndpoint.class);
        inbox.setPollStrategy(new ClaimedPolls());
        from(inbox).routeId(routeId).errorHandler(noErrorHandler()).process(this::processFile);
    }

    /** Logs why a file stays in the inbox here, once, as the route has no error handler to log it again. */
    private void processFile(Exchange exchange) throws IOException {
        Path file = exchange.getMessage().getBody(File.class).toPath();
        try {
            processFile(exchange, file);
        } catch (ClaimLostException e) {
            log.warn(
                    "{}: {} stays in the inbox for the instance that took the claim over", routeId, file.getFileName());
            throw e;
        } catch (IOException | RuntimeException e) {
            log.warn("{}: {} stays in the inbox, to be read again: {}", routeId, file.getFileName(), e.toString());
            throw e;
        }
    }

    private void processFile(Exchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        Files.createDirectories(settings.error());
        try {
            format.read(file, (mapping, fields) -> {});
        } catch (UnreadableFileException e) {
            log.warn("{}: {} is unreadable, moved to {}: {}", routeId, name, settings.error(), e.getMessage());
            Files.writeString(settings.error().resolve(name + ".reason.txt"), e.getMessage() + "\n");
            exchange.getMessage().setHeader(TARGET_FOLDER, settings.error().toString());
            return;
        }
        List<String> rejections = publishAll(exchange, file, name);
        Path rejectionFile = settings.error().resolve(name + ".rejected.txt");
        if (rejections.isEmpty()) {
            Files.deleteIfExists(rejectionFile);
        } else {
            Files.write(rejectionFile, rejections, StandardCharsets.UTF_8);
        }
        exchange.getMessage().setHeader(TARGET_FOLDER, settings.done().toString());
    }

    private List<String> publishAll(Exchange exchange, Path file, String name) throws IOException {
        String digest = sha256(file);
        RejectionList rejections = RejectionList.resume(settings.error().resolve(name + ".rejected.part"), digest);
        int[] position = {0};
        try (ProducerTemplate template = exchange.getContext().createProducerTemplate()) {
            format.read(file, (mapping, fields) -> {
                int n = ++position[0];
                if (!claim.hold()) {
                    throw new ClaimLostException(routeId);
                }
                NativeRecord record = new NativeRecord(name + "#" + n, mapping, fields);
                publication.publish(template, record, name + "#" + digest + "#" + n, rejections);
            });
        } catch (UnreadableFileException e) {
            throw new IllegalStateException(name + " changed while it was read", e);
        }
        return rejections.finish();
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Lists the inbox only while this instance holds the route's claim. */
    private final class ClaimedPolls extends DefaultPollingConsumerPollStrategy {

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return claim.hold();
        }
    }

    /** Another instance took the route's claim over while this one was reading a file. */
    private static final class ClaimLostException extends RuntimeException {
        ClaimLostException(String routeId) {
            super("lost the claim of " + routeId);
        }
    }

    /**
     * The rejections of one file, one line each: position, native key if known, reason. Kept in a part file while
     * the file is processed, because on a re-run after "hub undecided" the records rejected before are skipped by the
     * idempotent repository and would otherwise be missing from the list; the part file belongs to one content
     * (its first line is the file's digest), so a new file of the same name starts afresh.
     */
    private static final class RejectionList implements RecordOutcome {

        private final Path partFile;
        private final Set<String> lines;

        private RejectionList(Path partFile, Set<String> lines) {
            this.partFile = partFile;
            this.lines = lines;
        }

        static RejectionList resume(Path partFile, String digest) throws IOException {
            String header = "# sha-256 " + digest;
            Set<String> lines = new LinkedHashSet<>();
            if (Files.exists(partFile)) {
                List<String> kept = Files.readAllLines(partFile, StandardCharsets.UTF_8);
                if (!kept.isEmpty() && kept.get(0).equals(header)) {
                    lines.addAll(kept.subList(1, kept.size()));
                }
            }
            List<String> content = new ArrayList<>();
            content.add(header);
            content.addAll(lines);
            Files.write(partFile, content, StandardCharsets.UTF_8);
            return new RejectionList(partFile, lines);
        }

        @Override
        public void published(NativeRecord record, PublishResult result) {}

        @Override
        public void rejected(NativeRecord record, String reason) {
            String line = record.sourceRef() + "\t" + record.keyOrEmpty() + "\t" + reason.replaceAll("\\s+", " ");
            if (lines.add(line)) {
                try {
                    Files.writeString(partFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot note the rejection of " + record.sourceRef(), e);
                }
            }
        }

        @Override
        public void alreadyProcessed(NativeRecord record) {}

        List<String> finish() throws IOException {
            Files.deleteIfExists(partFile);
            return List.copyOf(lines);
        }
    }
}
