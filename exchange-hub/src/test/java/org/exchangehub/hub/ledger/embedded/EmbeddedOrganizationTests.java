package org.exchangehub.hub.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.exchangehub.hub.TestIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedOrganizationTests {

    @TempDir
    Path dir;

    @Test
    void isMadeOnceAndReopenedWithTheSameIdentities() {
        EmbeddedOrganization made = EmbeddedOrganization.openOrCreate(dir, "HubMSP");

        EmbeddedOrganization reopened = EmbeddedOrganization.openOrCreate(dir, "HubMSP");

        assertThat(reopened.orderer().certificate()).isEqualTo(made.orderer().certificate());
        assertThat(made.admin().certificate().getSubjectX500Principal().getName())
                .contains("OU=admin");
        assertThat(made.client().certificate().getSubjectX500Principal().getName())
                .contains("OU=client");
        assertThat(made.orderer().certificate().getSubjectX500Principal().getName())
                .contains("OU=orderer");
        assertThat(made.client().mspId()).isEqualTo("HubMSP");
    }

    @Test
    void trustsOnlyCertificatesItsCaIssued() {
        EmbeddedOrganization organization = EmbeddedOrganization.openOrCreate(dir, "HubMSP");

        assertThat(organization.issued(organization.orderer().certificate())).isTrue();
        assertThat(organization.issued(TestIdentities.ledgerIdentity("HubMSP", "ledger0", "orderer")
                        .certificate()))
                .isFalse();
    }
}
