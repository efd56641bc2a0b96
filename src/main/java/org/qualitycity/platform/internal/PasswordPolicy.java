package org.qualitycity.platform.internal;

import org.qualitycity.platform.ValidationException;

/**
 * Password rules (in the spirit of GB/T 22239 level 3): 8 to 64 characters, at least three of
 * upper-case letters, lower-case letters, digits and symbols, and not containing the username.
 */
final class PasswordPolicy {

    static final String RULE_ZH = "密码须为8至64位，至少包含大写字母、小写字母、数字、符号中的三类，且不得包含用户名";

    private PasswordPolicy() {
    }

    static void check(String field, String username, String password) {
        if (password == null || password.length() < 8 || password.length() > 64) {
            throw new ValidationException(field, RULE_ZH);
        }
        int classes = 0;
        if (password.chars().anyMatch(Character::isUpperCase)) {
            classes++;
        }
        if (password.chars().anyMatch(Character::isLowerCase)) {
            classes++;
        }
        if (password.chars().anyMatch(Character::isDigit)) {
            classes++;
        }
        if (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c))) {
            classes++;
        }
        if (classes < 3 || (username != null && !username.isBlank()
                && password.toLowerCase().contains(username.toLowerCase()))) {
            throw new ValidationException(field, RULE_ZH);
        }
    }
}
