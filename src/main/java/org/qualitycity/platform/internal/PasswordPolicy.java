package org.qualitycity.platform.internal;

import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.Texts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Password rules (in the spirit of GB/T 22239 level 3): 8 to 64 characters, at least three of
 * upper-case letters, lower-case letters, digits and symbols, not containing the username, no control or
 * invisible formatting characters, and not one of the 10,000 most common passwords (compared in lower case;
 * the list and its source: {@code security/common-passwords.txt}).
 */
final class PasswordPolicy {

    static final String RULE = "password.rule";
    static final String CONTROL = "password.control";
    static final String COMMON_KEY = "password.common";

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    static void check(String field, String username, String password) {
        if (password != null && password.codePoints().anyMatch(PasswordPolicy::isControlOrFormat)) {
            throw new ValidationException(field, Texts.msg(CONTROL));
        }
        if (password == null || password.length() < 8 || password.length() > 64) {
            throw new ValidationException(field, Texts.msg(RULE));
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
            throw new ValidationException(field, Texts.msg(RULE));
        }
        if (isCommon(password)) {
            throw new ValidationException(field, Texts.msg(COMMON_KEY));
        }
    }

    static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    static int commonCount() {
        return COMMON.size();
    }

    private static boolean isControlOrFormat(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static Set<String> load() {
        var in = PasswordPolicy.class.getResourceAsStream("/security/common-passwords.txt");
        if (in == null) {
            throw new IllegalStateException("security/common-passwords.txt is missing from the classpath");
        }
        Set<String> words = new HashSet<>(16_000);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
