package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract v1.1 renewals: {@code POST /me/eligibilities/{id}/renew} for the caller's own time-bound eligibility that
 * ends within 14 days or ended within 30, one pending per eligibility; admins with manage-users list them
 * ({@code GET /renewals?status=}) and decide ({@code POST /renewals/{id}}): APPROVE gives the eligibility its new
 * end (an ended one is in force again, a deleted one is created again), DENY needs a reason; refusals change nothing.
 */
class RenewalsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long DAY = 86_400_000L;

    private record Eligible(TestUser user, String roleId, String eligibilityId) {
    }

    /** A user eligible for a new role until {@code endsAt} (null: permanently). */
    private static Eligible eligibleUntil(Long endsAt) {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole("renewable-" + n);
        TestUser user = realm.createUser("renewer-" + n);
        Map<String, Object> eligibility = body("principalType", "USER", "principalId", user.id(), "roleId", roleId);
        if (endsAt != null) {
            eligibility.put("endsAt", endsAt);
        }
        return new Eligible(user, roleId, realm.pimAdmin("POST", "/eligibilities", eligibility).path("id").asText());
    }

    private static Http.Response renew(Eligible e, String justification) {
        return e.user().post("/me/eligibilities/" + e.eligibilityId() + "/renew", justification == null ? body() : body("justification", justification));
    }

    private static JsonNode eligibility(String id) {
        return realm.pimAdmin("GET", "/eligibilities/" + id, null);
    }

    @Test
    void anApprovedRenewalGivesTheEligibilityItsNewEnd() {
        Eligible e = eligibleUntil(ServerClock.nowMillis() + 10 * DAY);
        Http.Response asked = renew(e, "the project runs until March");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        JsonNode renewal = asked.json();
        assertThat(renewal.path("status").asText()).isEqualTo("PENDING");
        assertThat(renewal.path("eligibilityId").asText()).isEqualTo(e.eligibilityId());
        assertThat(renewal.path("role").path("id").asText()).isEqualTo(e.roleId());
        assertThat(ids(e.user().get("/me/renewals").json())).containsExactly(renewal.path("id").asText());
        assertRefused(renew(e, "again"), 409, "conflict");

        String manager = admins.token(admins.manager());
        assertThat(ids(pim.get(manager, "/renewals?status=PENDING").json())).contains(renewal.path("id").asText());
        long newEnd = ServerClock.nowMillis() + 90 * DAY;
        Http.Response approved = pim.post(manager, "/renewals/" + renewal.path("id").asText(), body("decision", "APPROVE", "endsAt", newEnd));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().path("decidedBy").path("username").asText()).isEqualTo(admins.manager().username());
        assertThat(eligibility(e.eligibilityId()).path("endsAt").asLong()).isEqualTo(newEnd);
        assertThat(ids(pim.get(manager, "/renewals?status=PENDING").json())).doesNotContain(renewal.path("id").asText());
        assertRefused(pim.post(manager, "/renewals/" + renewal.path("id").asText(), body("decision", "DENY", "reason", "late")), 409, "conflict");
        JsonNode audit = pim.get(admins.admin(), "/audit?userId=" + e.user().id()).json();
        assertThat(audit.findValuesAsText("action")).contains("RENEWAL_REQUESTED", "RENEWAL_DECIDED", "ELIGIBILITY_UPDATED");
    }

    @Test
    void anEndedEligibilityIsInForceAgainAndADeletedOneIsCreatedAgain() {
        Eligible ended = eligibleUntil(ServerClock.nowMillis() + DAY);
        realm.pimAdmin("PATCH", "/eligibilities/" + ended.eligibilityId(), body("endsAt", ServerClock.nowMillis() - 1000));
        assertThat(eligibility(ended.eligibilityId()).path("state").asText()).isEqualTo("EXPIRED");
        assertThat(ids(ended.user().get("/me/renewable").json())).as("ended, so not in /me/eligible, but renewable")
                .containsExactly(ended.eligibilityId());
        String endedRenewal = renew(ended, "still on the team").json().path("id").asText();
        pim.post(admins.admin(), "/renewals/" + endedRenewal, body("decision", "APPROVE", "endsAt", ServerClock.nowMillis() + 30 * DAY));
        assertThat(eligibility(ended.eligibilityId()).path("state").asText()).isEqualTo("ELIGIBLE");

        Eligible deleted = eligibleUntil(ServerClock.nowMillis() + 3 * DAY);
        String deletedRenewal = renew(deleted, "please keep it").json().path("id").asText();
        realm.pimAdmin("DELETE", "/eligibilities/" + deleted.eligibilityId(), null);
        Http.Response approved = pim.post(admins.admin(), "/renewals/" + deletedRenewal,
                body("decision", "APPROVE", "endsAt", ServerClock.nowMillis() + 30 * DAY, "reason", "re-created"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        String recreated = approved.json().path("resultEligibilityId").asText();
        assertThat(recreated).isNotEqualTo(deleted.eligibilityId());
        assertThat(eligibility(recreated).path("principal").path("id").asText()).isEqualTo(deleted.user().id());
        assertThat(eligibility(recreated).path("state").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void anAdminWhoMayNotMapTheRoleCannotApproveItsRenewal() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRoleContaining("renewable-admin-bundle-" + n, "manage-realm");
        TestUser user = realm.createUser("renews-admin-bundle-" + n);
        long end = ServerClock.nowMillis() + 5 * DAY;
        String eligibilityId = realm.pimAdmin("POST", "/eligibilities", body("principalType", "USER", "principalId", user.id(), "roleId", roleId,
                "endsAt", end)).path("id").asText();
        String renewalId = renew(new Eligible(user, roleId, eligibilityId), "still on call").json().path("id").asText();
        Map<String, Object> approve = body("decision", "APPROVE", "endsAt", ServerClock.nowMillis() + 60 * DAY);

        assertRefused(pim.post(admins.token(admins.manager()), "/renewals/" + renewalId, approve), 403, "forbidden");
        assertThat(eligibility(eligibilityId).path("endsAt").asLong()).isEqualTo(end);
        assertThat(ids(pim.get(admins.token(admins.manager()), "/renewals?status=PENDING").json())).contains(renewalId);

        Http.Response byRealmAdmin = pim.post(admins.admin(), "/renewals/" + renewalId, approve);
        assertThat(byRealmAdmin.status()).as("realm-admin may map it: " + byRealmAdmin).isEqualTo(200);
    }

    @Test
    void refusedRenewalsAndDecisionsChangeNothing() {
        Eligible permanent = eligibleUntil(null);
        assertRefused(renew(permanent, "forever"), 409, "conflict");
        Eligible later = eligibleUntil(ServerClock.nowMillis() + 20 * DAY);
        assertRefused(renew(later, "too early"), 409, "conflict");
        assertThat(ids(permanent.user().get("/me/renewable").json())).isEmpty();
        assertThat(ids(later.user().get("/me/renewable").json())).isEmpty();
        Eligible e = eligibleUntil(ServerClock.nowMillis() + 5 * DAY);
        assertRefused(renew(e, null), 400, "invalid_request");
        TestUser other = realm.createUser("not-the-owner-" + COUNTER.incrementAndGet());
        assertRefused(other.post("/me/eligibilities/" + e.eligibilityId() + "/renew", body("justification", "mine?")), 404, "not_found");
        String groupId = realm.createGroup("/renewal-group-" + COUNTER.incrementAndGet());
        realm.joinGroup(other, groupId);
        String groupEligibility = realm.pimAdmin("POST", "/eligibilities", body("principalType", "GROUP", "principalId", groupId,
                "roleId", e.roleId(), "endsAt", ServerClock.nowMillis() + DAY)).path("id").asText();
        assertRefused(other.post("/me/eligibilities/" + groupEligibility + "/renew", body("justification", "the group's")), 404, "not_found");

        String renewalId = renew(e, "needed").json().path("id").asText();
        String path = "/renewals/" + renewalId;
        assertRefused(pim.get(admins.token(admins.viewer()), "/renewals"), 403, "forbidden");
        assertRefused(pim.post(admins.token(admins.viewer()), path, body("decision", "DENY", "reason", "no")), 403, "forbidden");
        assertRefused(pim.post(admins.token(admins.plainUser()), path, body("decision", "DENY", "reason", "no")), 403, "forbidden");
        assertRefused(pim.post(admins.admin(), path, body("decision", "DENY")), 400, "invalid_request");
        assertRefused(pim.post(admins.admin(), path, body("decision", "APPROVE")), 400, "invalid_request");
        assertRefused(pim.post(admins.admin(), path, body("decision", "APPROVE", "endsAt", ServerClock.nowMillis() - DAY)), 400, "invalid_request");
        assertRefused(pim.post(admins.admin(), path, body("decision", "MAYBE", "reason", "x")), 400, "invalid_request");
        assertRefused(pim.post(admins.admin(), "/renewals/no-such-renewal", body("decision", "DENY", "reason", "x")), 404, "not_found");
        assertRefused(pim.get(admins.admin(), "/renewals?status=LATER"), 400, "invalid_request");
        long originalEnd = eligibility(e.eligibilityId()).path("endsAt").asLong();

        Http.Response denied = pim.post(admins.admin(), path, body("decision", "DENY", "reason", "the project ended"));
        assertThat(denied.json().path("status").asText()).as(denied.toString()).isEqualTo("DENIED");
        assertThat(denied.json().path("reason").asText()).isEqualTo("the project ended");
        assertThat(eligibility(e.eligibilityId()).path("endsAt").asLong()).isEqualTo(originalEnd);
        assertThat(renew(e, "once more, please").status()).as("after a decision the user may ask again").isEqualTo(201);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static void assertRefused(Http.Response response, int status, String error) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("error").asText()).as(response.toString()).isEqualTo(error);
    }
}
