package org.qualitycity.platform;

/**
 * Encryption at rest of personal data (names, phones, ID numbers, addresses): AES-256-GCM with a data
 * key that is stored wrapped by the master key kept outside the database (see docs/operations.md).
 * A stored value reads {@code pd1:<key id>:<base64(iv ‖ ciphertext ‖ tag)>}, so every value names its key.
 * Equality look-ups never compare ciphertexts (each encryption is different): store {@link #hash} beside
 * the value and compare hashes.
 */
public interface PersonalData {

    /** The encrypted form of {@code plaintext}; null and blank stay as they are. */
    String encrypt(String plaintext);

    /** The plaintext of a stored value; null stays null, a value that is not encrypted (legacy) is returned as is. */
    String decrypt(String stored);

    /** Whether {@code stored} is an encrypted value. */
    static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith("pd1:");
    }

    /**
     * Keyed hash (HMAC-SHA256, 64 hex characters) of {@code value} for equality look-ups; {@code purpose}
     * separates the uses ({@code phone}, {@code phone4}, {@code name}). Null for null or blank values.
     */
    String hash(String purpose, String value);

    /** {@link #hash} of a phone number, normalised first (digits only, without the country code 86). */
    default String phoneHash(String phone) {
        String p = normalisePhone(phone);
        return p == null ? null : hash("phone", p);
    }

    /** {@link #hash} of the last four digits of a phone number (public tracking). */
    default String phone4Hash(String phone) {
        String p = normalisePhone(phone);
        return p == null || p.length() < 4 ? null : hash("phone4", p.substring(p.length() - 4));
    }

    /** Digits only, without a leading 86/0086 country code before a mainland mobile number; null when none. */
    static String normalisePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String d = phone.replaceAll("\\D", "");
        if (d.startsWith("0086") && d.length() == 15) {
            d = d.substring(4);
        } else if (d.startsWith("86") && d.length() == 13) {
            d = d.substring(2);
        }
        return d.isEmpty() ? null : d;
    }

    /** A phone number for logs and the audit trail: the first three and last four digits only. */
    static String maskPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String p = phone.trim();
        if (p.length() <= 7) {
            return "*".repeat(p.length());
        }
        return p.substring(0, 3) + "*".repeat(p.length() - 7) + p.substring(p.length() - 4);
    }
}
