package dev.kcpim.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test server's clock, through the test-only provider keycloak-pim-test-clock.jar
 * ({@code /realms/master/pim-test-clock}): time-based tests move the server's clock forward and run
 * the expiry task at once instead of sleeping. Register it with {@code @RegisterExtension}; it puts
 * the clock back after each test. Everything a test computes from "now" (windows, TOTP codes) uses
 * {@link #nowMillis()}, the server's time.
 */
public final class ServerClock implements AfterEachCallback {
    /** The offset last set on the shared test server; the tests and the server run in different JVMs. */
    private static volatile int offsetSeconds;

    private final TestRealm realm;

    public ServerClock(TestRealm realm) {
        this.realm = realm;
    }

    /** The server's time in epoch milliseconds. */
    public static long nowMillis() {
        return System.currentTimeMillis() + offsetSeconds * 1000L;
    }

    /** Moves the server's clock forward; nothing runs until {@link #runExpiry()} or the periodic task does. */
    public void advance(Duration by) {
        setOffset(offsetSeconds + Math.toIntExact(by.toSeconds()));
    }

    /** Moves the clock forward, then runs the expiry task once at the new time; returns the rows it changed. */
    public int advanceAndExpire(Duration by) {
        advance(by);
        return runExpiry();
    }

    /** Runs the PIM expiry task once, now, at the server's (shifted) time; returns how many rows it changed. */
    public int runExpiry() {
        Http.Response response = Http.post(url("/expiry"), masterAdminToken(), Map.of());
        if (response.status() != 200) {
            throw new IllegalStateException("running the expiry task failed: " + response);
        }
        return response.json().path("changed").asInt();
    }

    /** Sends this realm's due reminder emails now, at the server's (shifted) time; returns how many were queued. */
    public int runReminders() {
        Http.Response response = Http.post(url("/reminders?realm=" + realm.name()), masterAdminToken(), Map.of());
        if (response.status() != 200) {
            throw new IllegalStateException("running the reminders failed: " + response);
        }
        return response.json().path("sent").asInt();
    }

    /** Runs the periodic evaluation of this realm's STANDING_ACCESS alert now; returns how many items it newly emailed. */
    public int runAlertTask() {
        Http.Response response = Http.post(url("/alerts?realm=" + realm.name()), masterAdminToken(), Map.of());
        if (response.status() != 200) {
            throw new IllegalStateException("running the alert task failed: " + response);
        }
        return response.json().path("emailed").asInt();
    }

    /** How often the token path of the server read PIM's table since it started: each is a miss of the elevations cached with users. */
    public long tokenPathDatabaseReads() {
        Http.Response response = Http.get(url("/elevation-cache"), masterAdminToken());
        if (response.status() != 200) {
            throw new IllegalStateException("reading the elevation cache counter failed: " + response);
        }
        return response.json().path("databaseReads").asLong();
    }

    public void reset() {
        if (offsetSeconds != 0) {
            setOffset(0);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        reset();
    }

    private void setOffset(int seconds) {
        Http.Response response = Http.put(url("/offset?seconds=" + seconds), masterAdminToken(), Map.of());
        if (response.status() != 200) {
            throw new IllegalStateException("setting the clock offset failed: " + response);
        }
        offsetSeconds = response.json().path("offsetSeconds").asInt();
        // Tokens the shared admin client holds were issued on the old clock.
        realm.server().admin().tokenManager().grantToken();
    }

    private String url(String path) {
        return realm.server().baseUrl() + "/realms/master/pim-test-clock" + path;
    }

    /** A token issued on the server's current clock (a cached one may have expired by the shifted clock). */
    private String masterAdminToken() {
        JsonNode token = Http.postForm(realm.server().baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", KeycloakServer.ADMIN_USERNAME, "password", KeycloakServer.ADMIN_PASSWORD)).json();
        return token.path("access_token").asText();
    }
}
