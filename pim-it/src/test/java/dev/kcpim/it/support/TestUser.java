package dev.kcpim.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A user of a {@link TestRealm} with a known password and, optionally, a known TOTP secret. */
public record TestUser(TestRealm realm, String id, String username, String password, String totpSecret) {

    /** An access token from the realm's test client (audience includes {@code account}). */
    public String token() {
        return tokenResponse().path("access_token").asText();
    }

    public JsonNode tokenResponse() {
        return realm.passwordGrant(TestRealm.TEST_CLIENT, username, password);
    }

    public String tokenFrom(String clientId) {
        return realm.passwordGrant(clientId, username, password).path("access_token").asText();
    }

    public JsonNode refresh(String refreshToken) {
        return refreshOn(TestRealm.TEST_CLIENT, refreshToken);
    }

    public JsonNode refreshOn(String clientId, String refreshToken) {
        Http.Response response = Http.postForm(realm.url("/protocol/openid-connect/token"), Map.of(
                "grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
        if (response.status() != 200) {
            throw new IllegalStateException("refresh failed: " + response);
        }
        return response.json();
    }

    /** POST /realms/{realm}/pim{path} with this user's token. */
    public Http.Response post(String path, Object body) {
        return Http.post(realm.url("/pim" + path), token(), body);
    }

    /** GET /realms/{realm}/pim{path} with this user's token. */
    public Http.Response get(String path) {
        return Http.get(realm.url("/pim" + path), token());
    }

    public String otpNow() {
        return Totp.now(totpSecret);
    }
}
