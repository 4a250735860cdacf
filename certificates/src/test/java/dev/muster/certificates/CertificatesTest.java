package dev.muster.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificatesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void madeIdentityIsEcdsaP384AndSurvivesAPemRoundTrip() {
        Identity identity = Identity.make("muster", List.of("muster"), NOW, Duration.ofDays(3650));

        assertThat(identity.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) identity.certificate().getPublicKey())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(384);
        assertThat(identity.certificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
        Identity read = Identity.fromPem(identity.certificatePem(), identity.privateKeyPem());
        assertThat(read.fingerprint()).isEqualTo(identity.fingerprint());
        assertThat(read.privateKey().getEncoded())
                .isEqualTo(identity.privateKey().getEncoded());
    }

    @Test
    void fingerprintIsSha256OfTheDerInLowerCaseHex() {
        Identity identity = Identity.make("c", List.of(), NOW, Duration.ofDays(1));

        assertThat(identity.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(Certificates.fingerprint(Certificates.parsePem(identity.certificatePem())))
                .isEqualTo(identity.fingerprint());
    }

    @Test
    void apiFieldIsBase64OfTheDerAsLxcSendsIt() throws Exception {
        Identity identity = Identity.make("c", List.of(), NOW, Duration.ofDays(1));
        String field = Base64.getEncoder().encodeToString(identity.certificate().getEncoded());

        assertThat(Certificates.fingerprint(Certificates.parseApiField(field))).isEqualTo(identity.fingerprint());
        assertThat(Certificates.fingerprint(Certificates.parseApiField(identity.certificatePem())))
                .isEqualTo(identity.fingerprint());
    }

    @Test
    void malformedMaterialIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Certificates.parseApiField("not base64 at all!"))
                .isInstanceOf(InvalidCertificate.class)
                .hasMessageStartingWith("illegal base64 data");
        assertThatThrownBy(() -> Certificates.parseApiField(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))
                .isInstanceOf(InvalidCertificate.class)
                .hasMessageStartingWith("malformed certificate");
        assertThatThrownBy(() -> Certificates.parsePem("hello"))
                .isInstanceOf(InvalidCertificate.class)
                .hasMessage("no PEM certificate block found");
    }

    @Test
    void expiredOrNotYetValidOrServerOnlyCertificatesAreNotUsableByClients() {
        Identity expired = Identity.make("old", List.of(), NOW.minus(Duration.ofDays(10)), Duration.ofDays(1));
        Identity future = Identity.make("new", List.of(), NOW.plus(Duration.ofDays(1)), Duration.ofDays(1));
        Identity serverOnly = Identity.make("srv", List.of(), NOW, Duration.ofDays(1), Identity.Purpose.SERVER_ONLY);
        Identity fine = Identity.make("ok", List.of(), NOW.minusSeconds(60), Duration.ofDays(1));

        assertThatThrownBy(() -> Certificates.checkUsableByClient(expired.certificate(), NOW))
                .hasMessageStartingWith("certificate expired on");
        assertThatThrownBy(() -> Certificates.checkUsableByClient(future.certificate(), NOW))
                .hasMessageStartingWith("certificate is not valid before");
        assertThatThrownBy(() -> Certificates.checkUsableByClient(serverOnly.certificate(), NOW))
                .hasMessageStartingWith("not a client certificate");
        Certificates.checkUsableByClient(fine.certificate(), NOW);
    }
}
