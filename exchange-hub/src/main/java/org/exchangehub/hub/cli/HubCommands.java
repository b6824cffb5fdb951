package org.exchangehub.hub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.exchangehub.hub.ExchangeHubApplication;
import org.exchangehub.hub.audit.AuditCheckCommand;
import org.exchangehub.hub.bench.BenchCommand;
import org.exchangehub.hub.verify.LedgerCheckCommand;
import org.exchangehub.hub.verify.VerifyCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The hub's command line besides running the server: {@code java -jar exchange-hub.jar verify ...} checks a record
 * offline, {@code java -jar exchange-hub.jar audit-check ...} checks the audit log's chain and anchors,
 * {@code java -jar exchange-hub.jar ledger-check ...} checks the embedded ledger's blocks and world state,
 * {@code java -jar exchange-hub.jar bench ...} measures throughput and latency. Exit codes: the verdict's for
 * {@code verify} (0 GENUINE, 1 TAMPERED, 3 UNKNOWN, 4 SUPERSEDED, 5 REVOKED, 6 PENDING, 7 CONSISTENT), 0 intact and 1
 * broken for {@code audit-check} and {@code ledger-check}, 2 for usage and input errors.
 */
@Command(
        name = "exchange-hub",
        mixinStandardHelpOptions = true,
        subcommands = {VerifyCommand.class, AuditCheckCommand.class, LedgerCheckCommand.class, BenchCommand.class},
        description = "Run `java -jar exchange-hub.jar` without a command to start the hub.")
public final class HubCommands {

    /** The first arguments that select a command instead of starting the server. */
    public static final Set<String> NAMES =
            Set.of("verify", "audit-check", "ledger-check", "bench", "--help", "-h", "--version", "-V");

    private HubCommands() {}

    /**
     * The jar's entry point: runs the command the first argument names and exits with its code, or starts the hub
     * ({@link ExchangeHubApplication#main}) when there is none.
     */
    public static void main(String[] args) {
        if (args.length > 0 && NAMES.contains(args[0])) {
            logToStandardError();
            System.exit(run(
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                    args));
        }
        ExchangeHubApplication.main(args);
    }

    /**
     * Before a command runs outside Spring Boot: warnings and errors only, on stderr, so that stdout carries nothing
     * but the command's own output (the verify command's JSON).
     */
    public static void logToStandardError() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{20}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
    }

    /** Runs a command with the given streams; returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new HubCommands());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> 2);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println(cmd.getCommandName() + ": " + e.getMessage());
            return 2;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
