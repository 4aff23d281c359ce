package dev.kcpim.rest.representation;

public record PrincipalRep(String type, String id, String name) {
}
