package dev.kcpim.rest.representation;

/** An approver's decision: {@code APPROVE} or {@code DENY}, a reason, and a one-time code when the policy asks for one. */
public record DecisionInput(String decision, String reason, String otp) {
}
