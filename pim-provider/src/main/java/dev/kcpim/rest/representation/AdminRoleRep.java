package dev.kcpim.rest.representation;

/**
 * A role of the realm as an admin's role picker needs it: {@code managed} when PIM manages it (it
 * has a policy or eligibilities), {@code grantable} when the calling admin may hand it out (map it
 * in Keycloak, including every admin role inside a composite).
 */
public record AdminRoleRep(String id, String name, String clientId, String description, boolean managed, boolean grantable) {
}
