package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.Basis;
import dev.kcpim.domain.Cause;
import dev.kcpim.domain.BasisLoss;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.domain.RequestKind;
import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Least privilege follows the basis of an elevation: an open request ends (REVOKED, or CANCELLED
 * while pending) as soon as the user is disabled or deleted, or the eligibility it came from is
 * removed, ends, or stops covering the user — unless another current eligibility of the user covers
 * the same role, on which the request then rests. A running elevation never outlasts its
 * eligibility: its end is cut to the eligibility's end.
 */
public final class BasisService {
    private static final Logger LOG = Logger.getLogger(BasisService.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PimStore store;

    public BasisService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = PimStore.of(session);
    }

    /** Re-checks every open request of the user; returns how many ended. */
    public int reconcileUser(String userId, Instant now, AuditLog audit) {
        return reconcileAll(store.requests().openRequestsOfUser(realm.getId(), userId), now, audit);
    }

    /** Re-checks the open requests that came from an eligibility; returns how many ended. */
    public int reconcileEligibility(String eligibilityId, Instant now, AuditLog audit) {
        return reconcileAll(store.requests().openRequestsOfEligibility(realm.getId(), eligibilityId), now, audit);
    }

    private int reconcileAll(List<RequestEntity> requests, Instant now, AuditLog audit) {
        int ended = 0;
        for (RequestEntity request : requests) {
            if (reconcile(request, null, now, audit)) {
                ended++;
            }
        }
        return ended;
    }

    /**
     * Ends the request if its basis is gone, or cuts its end to its eligibility's end. Returns whether
     * it ended. A request another actor changed meanwhile is left to them.
     *
     * @param eligibility the request's eligibility if the caller has it loaded (null: look it up)
     */
    public boolean reconcile(RequestEntity request, EligibilityEntity eligibility, Instant now, AuditLog audit) {
        if (!request.getStatus().isOpen()) {
            return false;
        }
        UserModel user = session.users().getUserById(realm, request.getUserId());
        EligibilityEntity source = eligibility != null ? eligibility : eligibilityOf(request);
        Basis basis = basisOf(request, user, source);
        Optional<BasisLoss> loss = basis.lossAt(now);
        if (loss.isPresent() && user != null && user.isEnabled() && request.getKind() == RequestKind.ACTIVATION) {
            Optional<EligibilityService.UserEligibility> other = otherCoveringEligibility(request, user, now);
            if (other.isPresent() && store.requests().rebase(request, other.get().entity().getId())) {
                audit.record(AuditLog.entry(AuditAction.BASIS_CHANGED).user(request.getUserId()).role(request.getRoleId())
                        .request(request.getId()).eligibility(other.get().entity().getId())
                        .detail("previousEligibilityId", source == null ? null : source.getId())
                        .detail("reason", loss.get().reason()));
                source = other.get().entity();
                basis = basisOf(request, user, source);
                loss = basis.lossAt(now);
            }
        }
        if (loss.isPresent()) {
            return end(request, loss.get(), now, audit);
        }
        Optional<Instant> cut = basis.cutEnd(Instant.ofEpochMilli(request.getEndsAt()));
        if (cut.isPresent()) {
            if (request.getStatus() == RequestStatus.SCHEDULED && !cut.get().isAfter(Instant.ofEpochMilli(request.getStartsAt()))) {
                return end(request, BasisLoss.ELIGIBILITY_ENDED, now, audit);
            }
            long previousEnd = request.getEndsAt();
            if (request.getStatus() != RequestStatus.PENDING_APPROVAL && store.requests().cutEnd(request, request.getStatus(), cut.get().toEpochMilli())) {
                ElevationCache.invalidate(session, realm, user);
                int tokensRevoked = request.getStatus() == RequestStatus.ACTIVE
                        ? ElevationTokens.revokeOutliving(session, request, request.getEndsAt(), now.toEpochMilli()) : 0;
                audit.record(AuditLog.entry(AuditAction.ELEVATION_SHORTENED).user(request.getUserId()).role(request.getRoleId())
                        .request(request.getId()).eligibility(request.getEligibilityId())
                        .detail("previousEndsAt", previousEnd).detail("endsAt", request.getEndsAt()).detail("tokensRevoked", tokensRevoked)
                        .detail("reason", "the eligibility ends earlier"));
            }
        }
        return false;
    }

    /** The loss of basis of an open request at {@code now}, if any (no change made). */
    public Optional<BasisLoss> lossOf(RequestEntity request, Instant now) {
        return basisOf(request, session.users().getUserById(realm, request.getUserId()), eligibilityOf(request)).lossAt(now);
    }

    /**
     * {@link BasisLoss#ELIGIBILITY_ENDED} when an ACTIVE request is due and its eligibility ended no later than the
     * request's own end (the end was cut to it): such an elevation ends because its eligibility did, as REVOKED,
     * whether the time-driven run or the basis checks get to it first. The other bases are the basis checks' and
     * the listeners' to judge.
     *
     * @param loaded the request's eligibility if the caller has it loaded (null: look it up)
     */
    public Optional<BasisLoss> eligibilityEndedWith(RequestEntity request, EligibilityEntity loaded, Instant now) {
        if (request.getEligibilityId() == null || request.getEndsAt() > now.toEpochMilli()) {
            return Optional.empty();
        }
        EligibilityEntity eligibility = loaded != null ? loaded : eligibilityOf(request);
        boolean ended = eligibility != null && eligibility.getRealmId().equals(realm.getId()) && eligibility.getEndsAt() != null
                && eligibility.getEndsAt() <= request.getEndsAt();
        return ended ? Optional.of(BasisLoss.ELIGIBILITY_ENDED) : Optional.empty();
    }

    private boolean end(RequestEntity request, BasisLoss loss, Instant now, AuditLog audit) {
        try {
            new ElevationService(session, realm).apply(request, BasisLoss.endingFor(request.getStatus()), Cause.of(loss.reason()), null, now, audit);
            LOG.infof("PIM request %s of user %s in realm %s ended: %s", request.getId(), request.getUserId(), realm.getName(), loss.reason());
            return true;
        } catch (PimException changedMeanwhile) {
            LOG.debugf("PIM request %s changed meanwhile: %s", request.getId(), changedMeanwhile.description());
            return false;
        }
    }

    private EligibilityEntity eligibilityOf(RequestEntity request) {
        return request.getEligibilityId() == null ? null : store.eligibilities().eligibility(realm.getId(), request.getEligibilityId()).orElse(null);
    }

    private Basis basisOf(RequestEntity request, UserModel user, EligibilityEntity eligibility) {
        boolean covers = false;
        if (user != null && eligibility != null) {
            covers = eligibility.getPrincipalType() == PrincipalType.USER
                    ? eligibility.getPrincipalId().equals(user.getId())
                    : Principals.effectiveGroups(user).containsKey(eligibility.getPrincipalId());
        }
        boolean extendedActive = request.getKind() != RequestKind.EXTENSION || store.requests().request(realm.getId(), request.getExtendsId())
                .map(extended -> extended.getStatus() == RequestStatus.ACTIVE).orElse(false);
        return new Basis(user != null, user != null && user.isEnabled(), request.getKind(),
                eligibility == null ? null : EligibilityService.window(eligibility), covers, extendedActive);
    }

    private Optional<EligibilityService.UserEligibility> otherCoveringEligibility(RequestEntity request, UserModel user, Instant now) {
        List<EligibilityService.UserEligibility> current = new EligibilityService(session, realm).eligibleNow(user, now);
        return current.stream()
                .filter(e -> e.role().getId().equals(request.getRoleId()))
                .filter(e -> !e.entity().getId().equals(request.getEligibilityId()))
                .findFirst();
    }

    /** For the sweep: eligibilities of a batch of requests in one query. */
    public static Map<String, EligibilityEntity> eligibilitiesOf(PimStore store, List<RequestEntity> requests) {
        return store.eligibilities().eligibilitiesByIds(requests.stream().map(RequestEntity::getEligibilityId).filter(id -> id != null).distinct().toList());
    }
}
