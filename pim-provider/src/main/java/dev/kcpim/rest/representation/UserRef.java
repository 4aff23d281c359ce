package dev.kcpim.rest.representation;

public record UserRef(String id, String username) {
}
