package dev.kcpim.rest.representation;

/** A realm's PIM settings; as a PUT body it replaces them, and a field left out takes the contract's default. */
public record SettingsRep(Integer tooManyHoldersThreshold,
                          Integer unusedEligibilityDays,
                          Integer staleAccountDays,
                          Integer frequentActivationCount,
                          Integer frequentActivationWindowHours,
                          Integer elevationEndingReminderMinutes) {
}
