package org.exchangehub.certs.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.exchangehub.certs.ca.RevocationListException;
import org.exchangehub.certs.canonical.CanonicalizationException;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.exchangehub.certs.digest.UnknownAlgorithmException;
import org.exchangehub.certs.jws.JwsException;
import org.exchangehub.certs.keystore.MaterialException;
import org.exchangehub.certs.keystore.OutputExistsException;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.exchangehub.certs.sign.UnsuitableKeyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of {@code certs.jar}: exit code 0 when done, 1 when it failed, 2 when the command line is wrong. */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        version = "certs 0.1.0",
        description = "Digests, RFC 8785 canonical JSON, signatures, detached JWS, and THROW-AWAY development PKIs"
                + " (issue, revoke) and Fabric MSPs.",
        subcommands = {
            InitCommand.class,
            MspCommand.class,
            DigestCommand.class,
            CanonicalizeCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            InspectCommand.class,
            IssueCommand.class,
            RevokeCommand.class,
            JwsSignCommand.class,
            JwsVerifyCommand.class
        })
public final class CertsCli implements Callable<Integer> {

    /** The environment variable that supplies a key store password when {@code --password} is not given. */
    public static final String PASSWORD_VARIABLE = "CERTS_PASSWORD";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(commandLine(out, err, System.getenv()).execute(args));
    }

    /** The configured command line, writing to {@code out} and {@code err}, reading passwords from {@code env}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == InitCommand.class) {
                    return type.cast(new InitCommand(env));
                }
                if (type == InspectCommand.class) {
                    return type.cast(new InspectCommand(env));
                }
                if (type == IssueCommand.class) {
                    return type.cast(new IssueCommand(env));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new CertsCli(), factory);
        commandLine.registerConverter(SignatureAlgorithm.class, name -> convert(() -> SignatureAlgorithm.byName(name)));
        commandLine.registerConverter(DigestAlgorithm.class, name -> convert(() -> DigestAlgorithm.byName(name)));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(CertsCli::usageError);
        commandLine.setExecutionExceptionHandler(CertsCli::failure);
        return commandLine;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("certs: a command is needed");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    private static <T> T convert(Callable<T> conversion) throws Exception {
        try {
            return conversion.call();
        } catch (UnknownAlgorithmException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    private static int failure(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof UnknownAlgorithmException) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return USAGE;
        }
        if (e instanceof OutputExistsException) {
            err.println(name + ": " + e.getMessage() + "; use --force to replace it");
        } else if (e instanceof MaterialException
                || e instanceof CanonicalizationException
                || e instanceof UnsuitableKeyException
                || e instanceof RevocationListException
                || e instanceof JwsException) {
            err.println(name + ": " + e.getMessage());
        } else {
            err.println(name + ": internal error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }
}
