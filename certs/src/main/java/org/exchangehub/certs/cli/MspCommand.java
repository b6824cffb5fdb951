package org.exchangehub.certs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.exchangehub.certs.keystore.MaterialBundle;
import org.exchangehub.certs.msp.FabricOrganization;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certs msp}: writes one Fabric organization's crypto material in cryptogen's layout. */
@Command(
        name = "msp",
        mixinStandardHelpOptions = true,
        description = "Writes a THROW-AWAY Fabric organization (ca/, tlsca/, msp/, peers/, orderers/, users/) in the"
                + " layout of Fabric's cryptogen, NodeOUs enabled.")
final class MspCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory to write.")
    private Path out;

    @Option(names = "--msp-id", required = true, paramLabel = "<Org1MSP>", description = "The organization's MSP ID.")
    private String mspId;

    @Option(
            names = "--domain",
            required = true,
            paramLabel = "<org1.example.com>",
            description = "The organization's domain.")
    private String domain;

    @Option(
            names = "--peers",
            split = ",",
            defaultValue = "peer0",
            paramLabel = "<name>",
            description = "Peers (default: ${DEFAULT-VALUE}).")
    private List<String> peers;

    @Option(
            names = "--orderers",
            split = ",",
            defaultValue = "orderer0",
            paramLabel = "<name>",
            description = "Orderers (default: ${DEFAULT-VALUE}; --orderers= for none).")
    private List<String> orderers;

    @Option(
            names = "--users",
            split = ",",
            defaultValue = "Admin,User1",
            paramLabel = "<name>",
            description = "Users; 'Admin' gets OU=admin, the others OU=client (default: ${DEFAULT-VALUE}).")
    private List<String> users;

    @Option(
            names = "--algorithm",
            defaultValue = "ecdsa-p256",
            paramLabel = "ecdsa-p256|sm2",
            description = "Key algorithm (default: ${DEFAULT-VALUE}); stock Fabric accepts only ecdsa-p256.")
    private SignatureAlgorithm algorithm;

    @Option(
            names = "--hosts",
            split = ",",
            defaultValue = "localhost,127.0.0.1",
            paramLabel = "<host>",
            description = "Extra SANs of peer and orderer TLS certificates (default: ${DEFAULT-VALUE}).")
    private List<String> hosts;

    @Option(
            names = "--validity-days",
            defaultValue = "3650",
            paramLabel = "<days>",
            description = "Validity of every certificate (default: ${DEFAULT-VALUE}, as cryptogen).")
    private int validityDays;

    @Option(names = "--force", description = "Replace existing material in <dir>.")
    private boolean force;

    @Override
    public Integer call() {
        FabricOrganization.Settings settings;
        try {
            settings = new FabricOrganization.Settings(
                    mspId,
                    domain,
                    Names.nonBlank(peers),
                    Names.nonBlank(orderers),
                    Names.nonBlank(users),
                    algorithm,
                    Names.nonBlank(hosts),
                    validityDays);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (!FabricOrganization.fabricAccepts(algorithm)) {
            spec.commandLine()
                    .getErr()
                    .printf(
                            "warning: stock Hyperledger Fabric accepts only ECDSA keys (ecdsa-p256); it will not"
                                    + " accept this %s material%n",
                            algorithm.standardName());
        }
        MaterialBundle bundle = FabricOrganization.generate(settings);
        bundle.writeTo(out, force);
        spec.commandLine()
                .getOut()
                .printf(
                        "wrote Fabric organization %s (%s; peers %s, orderers %s, users %s) to %s%n"
                                + "THROW-AWAY DEVELOPMENT MATERIAL: never use it in production, never commit it.%n",
                        mspId, domain, settings.peers(), settings.orderers(), settings.users(), out.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return CertsCli.OK;
    }
}
