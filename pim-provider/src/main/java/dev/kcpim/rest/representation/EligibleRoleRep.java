package dev.kcpim.rest.representation;

public record EligibleRoleRep(String eligibilityId, RoleRep role, ViaRep via, Long startsAt, Long endsAt,
                              PolicyRep policy, RequestRep activeRequest) {
}
