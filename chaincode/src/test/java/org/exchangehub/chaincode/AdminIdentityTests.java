package org.exchangehub.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminIdentityTests {

    private final ClientIdentity identity = mock(ClientIdentity.class);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CN=Admin@org1.example.com,OU=admin,O=Org1 | true",
                "OU=admin+CN=alice,O=Org1 | true",
                "CN=peer0,OU=peer,OU=admin,O=Org1 | true",
                "CN=user1,OU=client,O=Org1 | false",
                "CN=admin,O=Org1 | false",
                "CN=x,OU=Admin,O=Org1 | false",
                "CN=x,OU=administrators,O=Org1 | false"
            })
    void recognizesTheAdminUnitOfFabricNodeOus(String subject, boolean admin) {
        X509Certificate certificate = mock(X509Certificate.class);
        when(certificate.getSubjectX500Principal()).thenReturn(new X500Principal(subject));
        when(identity.getX509Certificate()).thenReturn(certificate);

        assertThat(AdminIdentity.isAdmin(identity)).isEqualTo(admin);
    }

    @Test
    void recognizesTheNotaryAdminAttribute() {
        when(identity.assertAttributeValue("notary.admin", "true")).thenReturn(true);

        assertThat(AdminIdentity.isAdmin(identity)).isTrue();
    }

    @Test
    void seesNoAdminWithoutCertificateOrAttribute() {
        when(identity.assertAttributeValue(anyString(), anyString())).thenReturn(false);

        assertThat(AdminIdentity.isAdmin(identity)).isFalse();
    }
}
