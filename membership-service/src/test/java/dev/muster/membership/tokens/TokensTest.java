package dev.muster.membership.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");

    @Test
    void expiryAddsEachTermInLxdUnits() {
        assertThat(Expiry.parse("3H").after(T0)).contains(T0.plusSeconds(3 * 3600));
        assertThat(Expiry.parse("1d 2H 30M 15S").after(T0)).contains(T0.plusSeconds(86400 + 7200 + 1800 + 15));
        assertThat(Expiry.parse("1w").after(T0)).contains(T0.plusSeconds(7 * 86400));
        assertThat(Expiry.parse("1m").after(T0)).contains(Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(Expiry.parse("1y").after(T0)).contains(Instant.parse("2027-01-31T00:00:00Z"));
        assertThat(Expiry.parse("").after(T0)).isEmpty();
    }

    @Test
    void expiryRejectsUnknownUnitsAndRepeatedUnits() {
        assertThatThrownBy(() -> Expiry.parse("3X")).hasMessageContaining("Invalid expiry term \"3X\"");
        assertThatThrownBy(() -> Expiry.parse("1H 2H")).hasMessageContaining("more than once");
        assertThatThrownBy(() -> Expiry.parse("H")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenIsBase64OfLxdsSnakeCaseJson() {
        JoinToken token = new JoinToken("m2", "abc", List.of("10.0.0.1:8443"), "s3cret", T0);

        String json = new String(Base64.getDecoder().decode(token.encode()), StandardCharsets.UTF_8);

        assertThat(json)
                .contains(
                        "\"server_name\":\"m2\"",
                        "\"fingerprint\":\"abc\"",
                        "\"addresses\":[\"10.0.0.1:8443\"]",
                        "\"secret\":\"s3cret\"",
                        "\"expires_at\":");
        assertThat(JoinToken.decode(token.encode())).contains(token);
    }

    @Test
    void garbageIsNoToken() {
        assertThat(JoinToken.decode("not-a-token")).isEmpty();
        assertThat(JoinToken.decode(Base64.getEncoder().encodeToString("{}".getBytes())))
                .isEmpty();
        assertThat(JoinToken.decode("")).isEmpty();
    }

    @Test
    void secretsAreStoredAsDigestsAndNeverPrinted() {
        String secret = JoinToken.newSecret();

        assertThat(JoinToken.matches(secret, JoinToken.digest(secret))).isTrue();
        assertThat(JoinToken.matches(secret + "x", JoinToken.digest(secret))).isFalse();
        assertThat(JoinToken.digest(secret)).doesNotContain(secret);
        assertThat(new JoinToken("m2", "f", List.of(), secret, T0).toString()).doesNotContain(secret);
    }
}
