package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.Decision;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Policy;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.domain.RenewalRules;
import dev.kcpim.domain.RenewalStatus;
import dev.kcpim.domain.Texts;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.RenewalEntity;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Renewals (contract v1.1): a user asks to renew their own time-bound eligibility that ends within 14 days or
 * ended within 30; an admin who could grant the role to the user approves (the eligibility gets the new end, or,
 * if it was deleted meanwhile, is created again) or denies. One pending renewal per eligibility.
 */
public final class RenewalService {
    private static final Logger LOG = Logger.getLogger(RenewalService.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;

    /** An admin's decision. */
    public record DecisionCommand(String decision, Long endsAt, String reason) {
    }

    public RenewalService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
    }

    public RenewalEntity request(UserModel user, String eligibilityId, String justification, Instant now, AuditLog audit) {
        try {
            String text = Texts.requireText(justification, "justification", Policy.MAX_JUSTIFICATION_LENGTH, true);
            EligibilityEntity eligibility = store.eligibilities().eligibility(realm.getId(), eligibilityId == null ? "" : eligibilityId)
                    .filter(e -> e.getPrincipalType() == PrincipalType.USER && e.getPrincipalId().equals(user.getId()))
                    .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "eligibility not found (a group's eligibility is renewed by an admin)"));
            RenewalRules.checkRenewable(eligibility.getEndsAt() == null ? null : Instant.ofEpochMilli(eligibility.getEndsAt()), now);
            RenewalEntity renewal = new RenewalEntity();
            renewal.setId(KeycloakModelUtils.generateId());
            renewal.setRealmId(realm.getId());
            renewal.setEligibilityId(eligibility.getId());
            renewal.setUserId(user.getId());
            renewal.setUsername(user.getUsername());
            renewal.setRoleId(eligibility.getRoleId());
            renewal.setStatus(RenewalStatus.PENDING);
            renewal.setOpenKey(eligibility.getId());
            renewal.setRequestedAt(now.toEpochMilli());
            renewal.setJustification(text);
            renewal.setEligibilityEndsAt(eligibility.getEndsAt());
            try {
                store.persist(renewal);
                store.flush();
            } catch (PersistenceException | ModelException e) {
                LOG.debugf(e, "renewal insert refused for eligibility %s", eligibility.getId());
                throw new PimException(ErrorCode.CONFLICT, "a renewal of this eligibility already waits for an admin");
            }
            audit.record(entry(AuditAction.RENEWAL_REQUESTED, renewal).detail("eligibilityEndsAt", renewal.getEligibilityEndsAt())
                    .detail("justification", text));
            return renewal;
        } catch (PimException e) {
            audit.recordRejection(AuditLog.entry(AuditAction.RENEWAL_REJECTED).user(user.getId()).eligibility(eligibilityId)
                    .detail("error", e.errorCode().code()).detail("description", e.description()), e.errorCode().code());
            throw e;
        }
    }

    /**
     * The user's own time-bound eligibilities that may be renewed now (ending within 14 days or ended within 30), soonest
     * end first: what the account console offers a renewal for, ended ones included (which {@code /me/eligible} leaves out).
     */
    public List<EligibilityView> renewable(UserModel user, Instant now) {
        EligibilityService eligibilities = new EligibilityService(session, realm);
        return store.eligibilities().eligibilitiesOfPrincipal(realm.getId(), PrincipalType.USER, user.getId()).stream()
                .filter(e -> e.getEndsAt() != null && RenewalRules.isRenewable(Instant.ofEpochMilli(e.getEndsAt()), now))
                .filter(e -> Roles.find(session, realm, e.getRoleId()) != null)
                .sorted(Comparator.comparing(EligibilityEntity::getEndsAt))
                .map(e -> eligibilities.view(e, now))
                .toList();
    }

    public List<RenewalEntity> ownRenewals(UserModel user, int first, int max) {
        return store.renewals().renewalsOfUser(realm.getId(), user.getId(), first, max);
    }

    public List<RenewalEntity> search(RenewalStatus status, int first, int max) {
        return store.renewals().renewals(realm.getId(), status, first, max);
    }

    /**
     * An admin's decision. Checks run in this order: input, the renewal (not found, already decided), the right to grant
     * the role to the user (what creating the eligibility would need), then the eligibility's own rules for the new end.
     */
    public RenewalEntity decide(String renewalId, DecisionCommand input, Instant now, AuditLog audit, GrantAuthorization authorization) {
        Decision decision = RenewalRules.validateDecision(input.decision(), input.endsAt(), input.reason(), now);
        RenewalEntity renewal = store.renewals().renewalForUpdate(realm.getId(), renewalId == null ? "" : renewalId)
                .orElseThrow(() -> new PimException(ErrorCode.NOT_FOUND, "renewal not found"));
        if (renewal.getStatus() != RenewalStatus.PENDING) {
            throw new PimException(ErrorCode.CONFLICT, "this renewal was already decided: " + renewal.getStatus());
        }
        UserModel user = session.users().getUserById(realm, renewal.getUserId());
        if (user == null) {
            throw new PimException(ErrorCode.NOT_FOUND, "the user no longer exists");
        }
        authorization.requireGrantToUser(user, Roles.byId(session, realm, renewal.getRoleId()));
        String reason = Texts.isBlank(input.reason()) ? null : input.reason();
        if (decision == Decision.APPROVE) {
            EligibilityService eligibilities = new EligibilityService(session, realm);
            EligibilityView renewed = store.eligibilities().eligibility(realm.getId(), renewal.getEligibilityId()).isPresent()
                    ? eligibilities.changeEnd(renewal.getEligibilityId(), input.endsAt(), now, audit, authorization)
                    : eligibilities.create(new EligibilityCommand(PrincipalType.USER.name(), user.getId(), null, null, renewal.getRoleId(), null,
                            null, null, input.endsAt(), renewal.getJustification()), now, audit, authorization);
            renewal.setNewEndsAt(input.endsAt());
            renewal.setResultEligibilityId(renewed.entity().getId());
        }
        renewal.setStatus(decision == Decision.APPROVE ? RenewalStatus.APPROVED : RenewalStatus.DENIED);
        renewal.setOpenKey(null);
        renewal.setDecidedBy(audit.actor().id());
        renewal.setDecidedByUsername(audit.actor().username());
        renewal.setDecidedAt(now.toEpochMilli());
        renewal.setReason(reason);
        store.flush();
        audit.record(entry(AuditAction.RENEWAL_DECIDED, renewal).detail("decision", decision.name()).detail("endsAt", renewal.getNewEndsAt())
                .detail("reason", reason).detail("resultEligibilityId", renewal.getResultEligibilityId()));
        return renewal;
    }

    private static AuditLog.Entry entry(AuditAction action, RenewalEntity renewal) {
        return AuditLog.entry(action).user(renewal.getUserId()).role(renewal.getRoleId()).eligibility(renewal.getEligibilityId())
                .detail("renewalId", renewal.getId());
    }
}
