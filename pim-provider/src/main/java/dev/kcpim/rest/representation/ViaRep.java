package dev.kcpim.rest.representation;

/** How a user is eligible: directly (groupPath null) or through a group. */
public record ViaRep(String type, String groupPath) {
}
