package org.qualitycity.enterprise;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** GB 32100-2015 check character against codes published by real enterprises. */
class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91110000600037341L", "914403001922038216", "9144030071526726XG", "91330100716105852F",
            "91110000802100433B", "91110108551385082Q", "91310000132200821H"})
    void realCodesAreValid(String code) {
        assertThat(CreditCode.problem(code)).isNull();
        assertThat(CreditCode.checkCharacter(code.substring(0, 17))).isEqualTo(code.charAt(17));
    }

    @ParameterizedTest
    @ValueSource(strings = {"91110000600037341K", "914403001922038217", "9144030071526726X0"})
    void aWrongCheckCharacterIsNamed(String code) {
        assertThat(CreditCode.problem(code).key()).isEqualTo("enterprise.credit-code.check");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9111000060003734", "91110000600037341LL", "9111000060003734IL", "91110000600O37341L"})
    void wrongLengthOrCharactersAreRefused(String code) {
        assertThat(CreditCode.isValid(code)).isFalse();
    }
}
