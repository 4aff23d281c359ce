package dev.kcpim.it.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP (HmacSHA1, 6 digits, 30 s) over the raw secret bytes, which is how Keycloak
 * stores an OTP credential's secretData value.
 */
public final class Totp {
    private static final int PERIOD_SECONDS = 30;

    private Totp() {
    }

    public static String code(String secret, Instant at) {
        return code(secret, at.getEpochSecond() / PERIOD_SECONDS);
    }

    public static String code(String secret, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code of the server's current step (the test server's clock may be shifted, see {@link ServerClock}). */
    public static String now(String secret) {
        return code(secret, serverStep());
    }

    /** A code of a later step that the server accepts within its look-around window, so two distinct codes can be used in a row. */
    public static String next(String secret) {
        return code(secret, serverStep() + 1);
    }

    public static String previous(String secret) {
        return code(secret, serverStep() - 1);
    }

    private static long serverStep() {
        return ServerClock.nowMillis() / 1000 / PERIOD_SECONDS;
    }
}
