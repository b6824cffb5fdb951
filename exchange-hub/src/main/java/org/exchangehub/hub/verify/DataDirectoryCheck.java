package org.exchangehub.hub.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the offline checks of a hub's data directory ({@code audit-check}, {@code ledger-check}) share, as a picocli
 * mixin: the directory and ledger options, opening it, and the answer: the result as JSON on stdout, exit 0 intact, 1
 * broken.
 */
public final class DataDirectoryCheck {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(
            names = "--data-dir",
            required = true,
            paramLabel = "DIR",
            description = "the hub's data directory (H2 database and embedded ledger)")
    private Path dataDir;

    @Option(names = "--msp-id", defaultValue = "HubMSP", description = "hub.ledger.msp-id")
    private String mspId;

    @Option(names = "--channel", defaultValue = "housing", description = "hub.ledger.channel")
    private String channel;

    /** Opens the data directory (shared with a running hub through H2's auto-server). */
    public HubDataDirectory open() {
        return HubDataDirectory.open(dataDir);
    }

    public String mspId() {
        return mspId;
    }

    public String channel() {
        return channel;
    }

    /** Prints the result; returns the exit code. */
    public int answer(Object result, boolean intact) throws JsonProcessingException {
        command.commandLine().getOut().println(JSON.writeValueAsString(result));
        return intact ? 0 : 1;
    }
}
