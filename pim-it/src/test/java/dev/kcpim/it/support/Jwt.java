package dev.kcpim.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads the claims of a token the server issued (tests only look; the server verified the signature). */
public final class Jwt {
    private Jwt() {
    }

    public static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> realmRoles(String token) {
        List<String> roles = new ArrayList<>();
        claims(token).path("realm_access").path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }
}
