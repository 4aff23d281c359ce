package dev.kcpim.rest.representation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.domain.Approvers;
import dev.kcpim.domain.Alert;
import dev.kcpim.domain.PimSettings;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.entity.AuditEntity;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.RenewalEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.rest.Json;
import dev.kcpim.service.ApprovalService;
import dev.kcpim.service.EligibilityService;
import dev.kcpim.service.EligibilityView;
import dev.kcpim.service.EligibleRoles;
import dev.kcpim.service.PolicyService;
import dev.kcpim.service.RemediationService;
import dev.kcpim.service.RequestView;
import dev.kcpim.service.Roles;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/** Every model → JSON mapping of the API, in one place (as Keycloak's {@code ModelToRepresentation}). */
public final class Representations {
    private Representations() {
    }

    public static RoleRep role(RoleModel role) {
        return new RoleRep(role.getId(), role.getName(), Roles.clientId(role), role.getDescription());
    }

    public static RequestRep request(RequestView view) {
        RequestEntity r = view.request();
        RoleRep role = view.role() != null ? role(view.role()) : new RoleRep(r.getRoleId(), r.getRoleName(), r.getRoleClientId(), null);
        List<DecisionRep> decisions = view.decisions().stream()
                .map(d -> new DecisionRep(new UserRef(d.getApproverId(), d.getApproverUsername()), d.getDecision().name(),
                        d.getReason(), d.getDecidedAt()))
                .toList();
        return new RequestRep(r.getId(), new UserRef(r.getUserId(), r.getUsername()), role, r.getEligibilityId(),
                r.getKind().name(), r.getStatus().name(), r.getRequestedAt(), r.getRequestedBy(), r.getStartsAt(), r.getEndsAt(),
                r.getDurationSeconds(), r.getJustification(), r.getTicket(), decisions,
                r.getStatus() == RequestStatus.PENDING_APPROVAL ? r.getApprovalDeadline() : null, r.getEndedAt(), r.getEndReason(),
                r.getExtendsId(), r.getExtensions());
    }

    public static List<RequestRep> requests(List<RequestView> views) {
        return views.stream().map(Representations::request).toList();
    }

    public static EligibilityRep eligibility(EligibilityView view) {
        EligibilityEntity e = view.entity();
        RoleRep role = view.role() != null ? role(view.role()) : new RoleRep(e.getRoleId(), null, null, null);
        return new EligibilityRep(e.getId(), new PrincipalRep(e.getPrincipalType().name(), e.getPrincipalId(), view.principalName()),
                role, e.getStartsAt(), e.getEndsAt(), e.getCreatedBy(), e.getCreatedAt(), e.getJustification(), view.state().name());
    }

    public static List<EligibilityRep> eligibilities(List<EligibilityView> views) {
        return views.stream().map(Representations::eligibility).toList();
    }

    public static PolicyRep policy(RoleModel role, Policy policy) {
        Approvers a = policy.approvers();
        return new PolicyRep(role(role), policy.maxActivationSeconds(), policy.requireOtp(), policy.requireJustification(),
                policy.justificationPattern(), policy.requireTicket(), policy.requireApproval(),
                new ApproversRep(List.copyOf(a.users()), List.copyOf(a.groups()), List.copyOf(a.roles())),
                policy.minApprovals(), policy.approvalTimeoutSeconds(), policy.allowPermanentEligibility(),
                policy.maxEligibilitySeconds(), policy.approverRequireOtp(), policy.justificationHint(), policy.allowExtension());
    }

    public static List<PolicyRep> policies(List<PolicyService.RolePolicy> policies) {
        return policies.stream().map(p -> policy(p.role(), p.policy())).toList();
    }

    /** A PUT body as a policy: every field it leaves out takes the contract's default. */
    public static Policy policyOf(RoleModel role, PolicyRep body) {
        Policy defaults = Policy.defaults(role.getId());
        ApproversRep approvers = body.approvers();
        return new Policy(role.getId(),
                valueOr(body.maxActivationSeconds(), defaults.maxActivationSeconds()),
                valueOr(body.requireOtp(), defaults.requireOtp()),
                valueOr(body.requireJustification(), defaults.requireJustification()),
                body.justificationPattern(),
                valueOr(body.requireTicket(), defaults.requireTicket()),
                valueOr(body.requireApproval(), defaults.requireApproval()),
                approvers == null ? defaults.approvers()
                        : new Approvers(nullToEmpty(approvers.users()), nullToEmpty(approvers.groups()), nullToEmpty(approvers.roles())),
                valueOr(body.minApprovals(), defaults.minApprovals()),
                valueOr(body.approvalTimeoutSeconds(), defaults.approvalTimeoutSeconds()),
                valueOr(body.allowPermanentEligibility(), defaults.allowPermanentEligibility()),
                body.maxEligibilitySeconds(),
                valueOr(body.approverRequireOtp(), defaults.approverRequireOtp()),
                body.justificationHint(),
                valueOr(body.allowExtension(), defaults.allowExtension()));
    }

    public static EligibleRoleRep eligibleRole(EligibleRoles.EligibleRole eligible) {
        EligibilityService.UserEligibility eligibility = eligible.eligibility();
        PolicyRep policy = policy(eligibility.role(), eligible.policy());
        return new EligibleRoleRep(eligibility.entity().getId(), policy.role(),
                new ViaRep(eligibility.direct() ? "USER" : "GROUP", eligibility.groupPath()),
                eligibility.entity().getStartsAt(), eligibility.entity().getEndsAt(), policy,
                eligible.openRequest() == null ? null : request(eligible.openRequest()));
    }

    public static ApprovalRep approval(ApprovalService.Awaiting awaiting, RequestView request) {
        return new ApprovalRep(request(request), policy(awaiting.role(), awaiting.policy()), awaiting.extendedEndsAt());
    }

    public static AuditRep audit(AuditEntity a) {
        return new AuditRep(a.getSeq(), a.getAt(), new UserRef(a.getActorId(), a.getActorUsername()), a.getAction().name(),
                a.getUserId(), a.getRoleId(), a.getRequestId(), a.getDetails() == null ? null : Json.read(a.getDetails(), JsonNode.class));
    }

    public static List<AlertRep> alerts(List<Alert> alerts, PimSettings settings) {
        return alerts.stream().map(a -> new AlertRep(a.type().name(), a.type().severity().name(), a.type().title(),
                a.type().description(settings), a.count(),
                a.items().stream().map(i -> new AlertRep.Item(i.userId(), i.username(), i.roleId(), i.role(), i.detail(),
                        i.via() == null ? null : i.via().name())).toList(),
                a.evaluatedAt().toEpochMilli())).toList();
    }

    public static RemedyRep.Result remedy(RemediationService.Outcome outcome) {
        return new RemedyRep.Result(eligibility(outcome.eligibility()), outcome.created(), true);
    }

    public static RenewalRep renewal(KeycloakSession session, RealmModel realm, RenewalEntity r) {
        RoleModel role = Roles.find(session, realm, r.getRoleId());
        return new RenewalRep(r.getId(), r.getEligibilityId(), new UserRef(r.getUserId(), r.getUsername()),
                role != null ? role(role) : new RoleRep(r.getRoleId(), null, null, null), r.getStatus().name(), r.getRequestedAt(),
                r.getJustification(), r.getEligibilityEndsAt(), r.getDecidedBy() == null ? null : new UserRef(r.getDecidedBy(), r.getDecidedByUsername()),
                r.getDecidedAt(), r.getReason(), r.getNewEndsAt(), r.getResultEligibilityId());
    }

    public static List<RenewalRep> renewals(KeycloakSession session, RealmModel realm, List<RenewalEntity> renewals) {
        return renewals.stream().map(r -> renewal(session, realm, r)).toList();
    }

    public static SettingsRep settings(PimSettings settings) {
        return new SettingsRep(settings.tooManyHoldersThreshold(), settings.unusedEligibilityDays(), settings.staleAccountDays(),
                settings.frequentActivationCount(), settings.frequentActivationWindowHours(), settings.elevationEndingReminderMinutes());
    }

    /** The settings a PUT body asks for: a field left out takes the contract's default. */
    public static PimSettings settingsOf(SettingsRep body) {
        PimSettings d = PimSettings.DEFAULTS;
        return new PimSettings(valueOr(body.tooManyHoldersThreshold(), d.tooManyHoldersThreshold()),
                valueOr(body.unusedEligibilityDays(), d.unusedEligibilityDays()),
                valueOr(body.staleAccountDays(), d.staleAccountDays()),
                valueOr(body.frequentActivationCount(), d.frequentActivationCount()),
                valueOr(body.frequentActivationWindowHours(), d.frequentActivationWindowHours()),
                valueOr(body.elevationEndingReminderMinutes(), d.elevationEndingReminderMinutes()));
    }

    private static <T> T valueOr(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static List<String> nullToEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
