package dev.kcpim.rest.representation;

public record ReasonInput(String reason) {
}
