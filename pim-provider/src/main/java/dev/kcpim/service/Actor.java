package dev.kcpim.service;

import org.keycloak.models.UserModel;

/** Who caused a change: a user, an admin, or the server itself (id null). */
public record Actor(String id, String username) {

    public static final Actor SYSTEM = new Actor(null, "system");

    public static Actor of(UserModel user) {
        return new Actor(user.getId(), user.getUsername());
    }
}
