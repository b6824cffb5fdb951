package org.exchangehub.hub.ledger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.exchangehub.hub.ledger.fabric.FabricProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which ledger the hub anchors on: {@code hub.ledger.*}.
 *
 * @param mode {@code embedded} (default: in-process, over the hub's database) or {@code fabric}
 * @param channel the channel the notary chaincode runs on
 * @param chaincode the chaincode's name on that channel
 * @param mspId the MSP id of the embedded ledger's organization (embedded mode only)
 * @param fabric how to reach the Fabric peer (fabric mode only)
 */
@Validated
@ConfigurationProperties("hub.ledger")
public record LedgerProperties(
        @NotNull @DefaultValue("embedded") LedgerMode mode,
        @NotBlank @DefaultValue("housing") String channel,
        @NotBlank @DefaultValue("notary") String chaincode,
        @NotBlank @DefaultValue("HubMSP") String mspId,
        FabricProperties fabric) {}
