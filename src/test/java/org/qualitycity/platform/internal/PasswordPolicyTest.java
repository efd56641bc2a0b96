package org.qualitycity.platform.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding 12: control characters and the commonest passwords are refused. */
class PasswordPolicyTest {

    @Test
    void theShippedListHoldsTenThousandCommonPasswords() {
        assertThat(PasswordPolicy.commonCount()).isGreaterThanOrEqualTo(10_000);
        assertThat(PasswordPolicy.isCommon("123456")).isTrue();
        assertThat(PasswordPolicy.isCommon("QWERTY123")).as("compared in lower case").isTrue();
    }

    @Test
    void commonPasswordsThatMeetTheClassRuleAreRefused() {
        // upper, lower, digit and symbol: the class rule alone let these through
        for (String common : new String[]{"P@ssw0rd", "Password123", "Qwerty123", "Password1"}) {
            assertThatThrownBy(() -> PasswordPolicy.check("password", "someone", common)).as(common)
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).field()).isEqualTo("password"));
        }
    }

    @Test
    void controlAndInvisibleFormatCharactersAreRefused() {
        for (String bad : new String[]{"Good#Pass\u0007word1", "Good#Pass\tword1", "Good#Pass\u202Eword1",
                "Good#Pass\u0000word1", "Good#Pass\u200Bword1", "Good#Pass\nword1"}) {
            assertThatThrownBy(() -> PasswordPolicy.check("newPassword", "someone", bad))
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).message())
                            .isIn(PasswordPolicy.CONTROL, "密码不得包含控制字符或不可见的格式字符"));
        }
    }

    @Test
    void strongUncommonPasswordsPass() {
        assertThatCode(() -> PasswordPolicy.check("password", "someone", "Start#2026x")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("password", "someone", "Demo@2026")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("password", "someone", "质量强市Qc#2026")).doesNotThrowAnyException();
    }
}
