package org.qualitycity.platform.internal;

import org.qualitycity.platform.PersonalData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** {@link PersonalData} with the data keys of {@link KeyRing}; loads them on start-up (fails fast on a wrong master key). */
@Component
@Order(-100)
class PersonalDataCipher implements PersonalData, ApplicationRunner {

    private static final String PREFIX = "pd1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Path dataDir;
    private final String envKey;
    private volatile KeyRing ring;
    /**
     * Per thread: the HMAC and the AES-GCM cipher ready for the current key ring (issue 13: looking the algorithms up
     * and keying the HMAC on every call cost more than hashing a phone number; the demo data hashes ~70 000 values).
     */
    private final ThreadLocal<Tools> tools = new ThreadLocal<>();

    /** A thread's HMAC keyed with {@code ring}'s HMAC key, its AES-GCM cipher and {@code ring}'s active key spec. */
    private record Tools(KeyRing ring, Mac mac, Cipher cipher, KeyRing.DataKey encryptKey, SecretKeySpec encryptSpec) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    PersonalDataCipher(DataSource dataSource, QcProperties props, @Value("${" + MasterKey.ENV + ":}") String envKey) {
        this.dataSource = dataSource;
        this.dataDir = Path.of(props.dataDir());
        this.envKey = envKey;
    }

    private PersonalDataCipher(KeyRing ring) {
        this.dataSource = null;
        this.dataDir = null;
        this.envKey = null;
        this.ring = ring;
    }

    /** For the command line and tests: a cipher over an open key ring. */
    static PersonalData of(KeyRing ring) {
        return new PersonalDataCipher(ring);
    }

    @Override
    public void run(ApplicationArguments args) {
        ring();
    }

    private KeyRing ring() {
        KeyRing r = ring;
        if (r == null) {
            synchronized (this) {
                r = ring;
                if (r == null) {
                    r = KeyRing.open(dataSource, dataDir, envKey, true);
                    ring = r;
                }
            }
        }
        return r;
    }

    private Tools tools() {
        KeyRing r = ring();
        Tools t = tools.get();
        if (t == null || t.ring() != r) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(r.hmacKey(), "HmacSHA256"));
                KeyRing.DataKey key = r.activeEncryptKey();
                t = new Tools(r, mac, Cipher.getInstance("AES/GCM/NoPadding"), key, new SecretKeySpec(key.key(), "AES"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            tools.set(t);
        }
        return t;
    }

    @Override
    public String encrypt(String plaintext) {
        if (plaintext == null || plaintext.isBlank() || PersonalData.isEncrypted(plaintext)) {
            return plaintext;
        }
        Tools t = tools();
        KeyRing.DataKey key = t.encryptKey();
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = t.cipher();
            cipher.init(Cipher.ENCRYPT_MODE, t.encryptSpec(), new GCMParameterSpec(128, iv));
            byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, iv.length + ct.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String decrypt(String stored) {
        if (!PersonalData.isEncrypted(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        int keyId = Integer.parseInt(stored.substring(PREFIX.length(), colon));
        byte[] data = Base64.getDecoder().decode(stored.substring(colon + 1));
        try {
            Tools t = tools();
            Cipher cipher = t.cipher();
            cipher.init(Cipher.DECRYPT_MODE, keyId == t.encryptKey().id() ? t.encryptSpec()
                            : new SecretKeySpec(t.ring().key(keyId).key(), "AES"),
                    new GCMParameterSpec(128, data, 0, 12));
            return new String(cipher.doFinal(data, 12, data.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a personal-data value with key " + keyId, e);
        }
    }

    @Override
    public String hash(String purpose, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Mac mac = tools().mac(); // doFinal leaves it reset, keyed, for the next value
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return HexFormat.of().formatHex(mac.doFinal(value.trim().getBytes(StandardCharsets.UTF_8)));
    }
}
