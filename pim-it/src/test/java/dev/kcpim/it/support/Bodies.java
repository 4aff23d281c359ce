package dev.kcpim.it.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies and the clock values that go into them. */
public final class Bodies {
    public static final long HOUR = 3_600_000L;
    /** How far a server timestamp may be from the test's own clock readings around the call. */
    public static final long CLOCK_SLACK_MS = 2_000L;

    private Bodies() {
    }

    /** A mutable JSON object in the given key order: {@code body("roleId", id, "endsAt", t)}. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /** The server's time (its clock may be shifted, see {@link ServerClock}). */
    public static long now() {
        return ServerClock.nowMillis();
    }
}
