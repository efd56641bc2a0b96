package org.qualitycity.platform.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Totp} against the test vectors of RFC 6238, appendix B, and the ±1 step window. */
class TotpTest {

    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY = ("1234567890".repeat(6) + "1234").getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
        long step = time / 30;
        assertThat(Totp.hotp(SHA1_KEY, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.hotp(SHA256_KEY, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.hotp(SHA512_KEY, step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void sixDigitCodesOfTheBase32SecretAreTheLastSixOfTheRfcVector() {
        // base32 of "12345678901234567890" (the RFC's SHA-1 key)
        String secret = Totp.base32(SHA1_KEY);
        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.decodeBase32(secret)).isEqualTo(SHA1_KEY);
        assertThat(Totp.code(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }

    @Test
    void acceptsTheStepBeforeAndAfterButNotTwoSteps() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-03-01T08:00:10Z");
        assertThat(Totp.verify(secret, Totp.code(secret, now), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, now.minusSeconds(30)), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, now.plusSeconds(30)), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, now.minusSeconds(60)), now)).isFalse();
        assertThat(Totp.verify(secret, Totp.code(secret, now.plusSeconds(60)), now)).isFalse();
        assertThat(Totp.verify(secret, "12345", now)).isFalse();
        assertThat(Totp.verify(secret, null, now)).isFalse();
    }

    @Test
    void theUriIsTheAuthenticatorKeyUriFormat() {
        assertThat(Totp.uri("QualityCity", "admin", "ABCDEFGH"))
                .isEqualTo("otpauth://totp/QualityCity:admin?secret=ABCDEFGH&issuer=QualityCity&algorithm=SHA1&digits=6&period=30");
    }
}
