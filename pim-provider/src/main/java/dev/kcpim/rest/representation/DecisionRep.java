package dev.kcpim.rest.representation;

public record DecisionRep(UserRef approver, String decision, String reason, long at) {
}
