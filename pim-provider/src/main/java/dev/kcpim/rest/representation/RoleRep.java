package dev.kcpim.rest.representation;

/** A role as the contract shows it; {@code clientId} is null for a realm role. */
public record RoleRep(String id, String name, String clientId, String description) {
}
