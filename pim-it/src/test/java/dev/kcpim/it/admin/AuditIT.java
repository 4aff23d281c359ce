package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.CLOCK_SLACK_MS;
import static dev.kcpim.it.support.Bodies.HOUR;
import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Bodies.now;
import static dev.kcpim.it.support.JsonNodes.find;
import static dev.kcpim.it.support.JsonNodes.id;
import static dev.kcpim.it.support.JsonNodes.longs;
import static dev.kcpim.it.support.JsonNodes.texts;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * {@code GET /audit} of the admin API (admin actions newest first, with the acting admin; filters)
 * and the Keycloak admin events that PIM's admin changes raise.
 */
class AuditIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void auditShowsAdminActionsNewestFirstWithTheActingAdmin() {
        TestUser user = realm.createUser(unique("audited"));
        RoleRepresentation eligibleRole = realmRole(realm, "audited-elig");
        RoleRepresentation assignedRole = realmRole(realm, "audited-assign");
        long before = now();
        String eligibilityId = id(pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", eligibleRole.getId())));
        String requestId = id(pim.assign(user, assignedRole, now() + HOUR));
        assertThat(pim.post(admins.admin(), "/requests/" + requestId + "/revoke", body("reason", "audit me")).status()).isEqualTo(200);
        long after = now();

        JsonNode entries = pim.get(admins.admin(), "/audit?userId=" + user.id()).json();

        assertThat(longs(entries, "seq")).isSortedAccordingTo((x, y) -> Long.compare(y, x)).doesNotHaveDuplicates();
        assertThat(texts(entries, "action")).containsSubsequence("REVOKED", "ASSIGNMENT_CREATED", "ELIGIBILITY_CREATED");
        JsonNode revoked = find(entries, e -> e.path("action").asText().equals("REVOKED"));
        JsonNode assigned = find(entries, e -> e.path("action").asText().equals("ASSIGNMENT_CREATED"));
        JsonNode eligible = find(entries, e -> e.path("action").asText().equals("ELIGIBILITY_CREATED"));
        for (JsonNode entry : List.of(revoked, assigned, eligible)) {
            assertThat(entry.path("actor").path("id").asText()).as(entry.toString()).isEqualTo(admins.realmAdmin().id());
            assertThat(entry.path("actor").path("username").asText()).as(entry.toString()).isEqualTo(admins.realmAdmin().username());
            assertThat(entry.path("userId").asText()).as(entry.toString()).isEqualTo(user.id());
            assertThat(entry.path("at").asLong()).as(entry.toString()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
            assertThat(entry.path("details").isObject()).as(entry.toString()).isTrue();
        }
        assertThat(eligible.path("roleId").asText()).isEqualTo(eligibleRole.getId());
        assertThat(eligible.path("details").toString()).contains(eligibilityId);
        assertThat(assigned.path("roleId").asText()).isEqualTo(assignedRole.getId());
        assertThat(assigned.path("requestId").asText()).isEqualTo(requestId);
        assertThat(revoked.path("roleId").asText()).isEqualTo(assignedRole.getId());
        assertThat(revoked.path("requestId").asText()).isEqualTo(requestId);

        JsonNode everything = pim.get(admins.admin(), "/audit").json();
        assertThat(longs(everything, "seq")).isSortedAccordingTo((x, y) -> Long.compare(y, x)).doesNotHaveDuplicates();
        assertThat(everything.get(0).path("seq").asLong()).isEqualTo(revoked.path("seq").asLong());
    }

    @Test
    void auditRecordsPolicyUpdatesWithTheActingAdmin() {
        RoleRepresentation role = realmRole(realm, "audited-policy");
        long before = now();
        pim.putPolicy(role.getId(), body("maxActivationSeconds", 1800));
        long after = now();

        JsonNode entries = pim.get(admins.admin(), "/audit?action=POLICY_UPDATED").json();

        JsonNode entry = find(entries, e -> e.path("roleId").asText().equals(role.getId()));
        assertThat(entry.path("action").asText()).isEqualTo("POLICY_UPDATED");
        assertThat(entry.path("actor").path("id").asText()).isEqualTo(admins.realmAdmin().id());
        assertThat(entry.path("actor").path("username").asText()).isEqualTo(admins.realmAdmin().username());
        assertThat(entry.path("at").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(entries.get(0).path("seq").asLong()).isEqualTo(entry.path("seq").asLong());
    }

    @Test
    void auditFiltersByActionAndUser() {
        TestUser user = realm.createUser(unique("audit-filter"));
        TestUser other = realm.createUser(unique("audit-other"));
        RoleRepresentation role = realmRole(realm, "audit-filter");
        pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId()));
        pim.createEligibility(body("principalType", "USER", "principalId", other.id(), "roleId", role.getId()));
        pim.assign(user, realmRole(realm, "audit-filter-assign"), now() + HOUR);

        JsonNode filtered = pim.get(admins.admin(), "/audit?action=ELIGIBILITY_CREATED&userId=" + user.id()).json();
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).path("action").asText()).isEqualTo("ELIGIBILITY_CREATED");
        assertThat(filtered.get(0).path("userId").asText()).isEqualTo(user.id());

        JsonNode byAction = pim.get(admins.admin(), "/audit?action=ASSIGNMENT_CREATED").json();
        assertThat(byAction).isNotEmpty();
        assertThat(texts(byAction, "action")).containsOnly("ASSIGNMENT_CREATED");
        assertThat(texts(pim.get(admins.admin(), "/audit?userId=" + other.id()).json(), "userId")).containsOnly(other.id());
        assertThat(pim.get(admins.admin(), "/audit?userId=" + user.id() + "&max=1").json()).hasSize(1);

        Http.Response bad = pim.get(admins.admin(), "/audit?action=NOPE");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("invalid_request");
    }

    @Test
    void adminChangesAreKeycloakAdminEvents() throws InterruptedException {
        RealmResource resource = realm.resource();
        RealmRepresentation settings = resource.toRepresentation();
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
        resource.update(settings);
        TestUser user = realm.createUser(unique("evented"));
        RoleRepresentation role = realmRole(realm, "evented");

        String eligibilityId = id(pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId())));

        List<AdminEventRepresentation> pimEvents = List.of();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            pimEvents = resource.getAdminEvents().stream()
                    .filter(e -> "PIM_ELIGIBILITY".equals(e.getResourceType())
                            || (e.getResourcePath() != null && e.getResourcePath().startsWith("pim/")))
                    .toList();
            if (pimEvents.stream().anyMatch(e -> mentions(e, eligibilityId))) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(pimEvents).as("PIM admin events").anySatisfy(e -> {
            assertThat(mentions(e, eligibilityId)).as(e.getResourcePath()).isTrue();
            assertThat(e.getOperationType()).isEqualTo("CREATE");
            assertThat(e.getAuthDetails().getUserId()).isEqualTo(admins.realmAdmin().id());
        });
    }

    // ------------------------------------------------------------------ helpers

    private static boolean mentions(AdminEventRepresentation event, String id) {
        return (event.getResourcePath() != null && event.getResourcePath().contains(id))
                || (event.getRepresentation() != null && event.getRepresentation().contains(id));
    }
}
