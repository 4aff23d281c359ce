package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * {@code GET /alerts} STANDING_ACCESS and ROLE_WITHOUT_OTP, and the STANDING_ACCESS remedy with its refusals:
 * who may call them, what counts as held outside PIM (direct, group, composite; an ACTIVE elevation does not),
 * and that a refused remedy changes nothing. The threshold-driven alerts are in {@link AlertThresholdsIT}.
 */
class AlertsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private record Managed(String roleId, String roleName) {
    }

    /** A realm role PIM manages (a policy names it; OTP required unless asked otherwise). */
    private static Managed managedRole(boolean requireOtp) {
        String name = "alerted-" + COUNTER.incrementAndGet();
        String id = realm.createRealmRole(name);
        realm.putPolicy(id, body("requireOtp", requireOtp, "maxActivationSeconds", 3600));
        return new Managed(id, name);
    }

    private static void grantDirectly(TestUser user, Managed role) {
        RoleRepresentation rep = realm.resource().roles().get(role.roleName()).toRepresentation();
        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(rep));
    }

    private static JsonNode alert(String type) {
        Http.Response response = pim.get(admins.admin(), "/alerts");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode alert : response.json()) {
            if (alert.path("type").asText().equals(type)) {
                return alert;
            }
        }
        return null;
    }

    private static List<String> itemsOf(String type, String roleId) {
        JsonNode alert = alert(type);
        List<String> items = new ArrayList<>();
        if (alert != null) {
            for (JsonNode item : alert.path("items")) {
                if (item.path("roleId").asText().equals(roleId)) {
                    items.add(item.path("username").asText(null) + " | " + item.path("detail").asText());
                }
            }
        }
        return items;
    }

    @Test
    void aManagedRoleHeldDirectlyThroughAGroupOrACompositeIsStandingAccessAndAnElevationIsNot() {
        Managed role = managedRole(false);
        TestUser direct = realm.createUser("standing-direct-" + COUNTER.incrementAndGet());
        grantDirectly(direct, role);
        TestUser member = realm.createUser("standing-member-" + COUNTER.incrementAndGet());
        String groupId = realm.createGroup("/holders-" + COUNTER.incrementAndGet());
        realm.resource().groups().group(groupId).roles().realmLevel()
                .add(List.of(realm.resource().roles().get(role.roleName()).toRepresentation()));
        realm.joinGroup(member, groupId);
        String compositeName = "bundle-" + COUNTER.incrementAndGet();
        realm.createRealmRole(compositeName);
        realm.resource().roles().get(compositeName).addComposites(List.of(realm.resource().roles().get(role.roleName()).toRepresentation()));
        TestUser bundled = realm.createUser("standing-bundled-" + COUNTER.incrementAndGet());
        realm.resource().users().get(bundled.id()).roles().realmLevel()
                .add(List.of(realm.resource().roles().get(compositeName).toRepresentation()));
        TestUser elevated = realm.createUser("elevated-" + COUNTER.incrementAndGet());
        realm.makeEligible(elevated, role.roleId());
        Http.Response activation = elevated.post("/me/requests", body("roleId", role.roleId(), "justification", "on call"));
        assertThat(activation.json().path("status").asText()).as(activation.toString()).isEqualTo("ACTIVE");

        JsonNode alert = alert("STANDING_ACCESS");
        assertThat(alert.path("severity").asText()).isEqualTo("HIGH");
        assertThat(alert.path("title").asText()).isNotBlank();
        assertThat(alert.path("lastEvaluatedAt").asLong()).isPositive();
        assertThat(itemsOf("STANDING_ACCESS", role.roleId())).containsExactlyInAnyOrder(
                direct.username() + " | direct role mapping",
                member.username() + " | role mapping of group " + realm.resource().groups().group(groupId).toRepresentation().getPath(),
                bundled.username() + " | composite role " + compositeName);
        Map<String, String> via = new HashMap<>();
        alert.path("items").forEach(item -> via.put(item.path("username").asText(), item.path("via").asText()));
        assertThat(via).containsEntry(direct.username(), "DIRECT").containsEntry(member.username(), "GROUP")
                .containsEntry(bundled.username(), "COMPOSITE");
        assertThat(otherRealm.pimAdmin("GET", "/alerts", null).toString()).doesNotContain(direct.id());
    }

    @Test
    void aPolicyWithoutOtpIsReportedPerRole() {
        Managed withoutOtp = managedRole(false);
        Managed withOtp = managedRole(true);

        assertThat(itemsOf("ROLE_WITHOUT_OTP", withoutOtp.roleId())).containsExactly("null | the policy does not require OTP");
        assertThat(itemsOf("ROLE_WITHOUT_OTP", withOtp.roleId())).isEmpty();
        assertThat(alert("ROLE_WITHOUT_OTP").path("severity").asText()).isEqualTo("LOW");
    }

    @Test
    void theRemedyTurnsADirectGrantIntoAPermanentEligibilityAndRemovesTheMapping() {
        Managed role = managedRole(false);
        TestUser holder = realm.createUser("remedied-" + COUNTER.incrementAndGet());
        grantDirectly(holder, role);

        Http.Response remedy = pim.post(admins.admin(), "/alerts/STANDING_ACCESS/remediate",
                body("userId", holder.id(), "roleId", role.roleId(), "justification", "found by the alert"));

        assertThat(remedy.status()).as(remedy.toString()).isEqualTo(200);
        assertThat(remedy.json().path("eligibilityCreated").asBoolean()).isTrue();
        JsonNode eligibility = remedy.json().path("eligibility");
        assertThat(eligibility.path("endsAt").isNull()).isTrue();
        assertThat(eligibility.path("principal").path("id").asText()).isEqualTo(holder.id());
        assertThat(realm.hasDirectRealmRole(holder, role.roleName())).isFalse();
        assertThat(itemsOf("STANDING_ACCESS", role.roleId())).isEmpty();
        JsonNode audit = pim.get(admins.admin(), "/audit?userId=" + holder.id()).json();
        assertThat(audit.findValuesAsText("action")).contains("STANDING_ACCESS_REMEDIATED", "ELIGIBILITY_CREATED");
        Http.Response activation = holder.post("/me/requests", body("roleId", role.roleId(), "justification", "now through PIM"));
        assertThat(activation.json().path("status").asText()).as("the user activates instead").isEqualTo("ACTIVE");
    }

    @Test
    void aUserWhoIsAlreadyEligibleKeepsThatEligibilityAndLosesOnlyTheMapping() {
        Managed role = managedRole(false);
        TestUser holder = realm.createUser("eligible-holder-" + COUNTER.incrementAndGet());
        String eligibilityId = realm.makeEligible(holder, role.roleId());
        grantDirectly(holder, role);

        Http.Response remedy = pim.post(admins.admin(), "/alerts/STANDING_ACCESS/remediate",
                body("userId", holder.id(), "roleId", role.roleId(), "justification", "already eligible"));

        assertThat(remedy.status()).as(remedy.toString()).isEqualTo(200);
        assertThat(remedy.json().path("eligibilityCreated").asBoolean()).isFalse();
        assertThat(remedy.json().path("eligibility").path("id").asText()).isEqualTo(eligibilityId);
        assertThat(realm.hasDirectRealmRole(holder, role.roleName())).isFalse();
    }

    @Test
    void anAdminWhoMayNotMapTheRoleCannotRemedyItsStandingGrant() {
        String name = "bundles-manage-realm-" + COUNTER.incrementAndGet();
        String roleId = realm.createRealmRoleContaining(name, "manage-realm");
        realm.putPolicy(roleId, body("maxActivationSeconds", 3600));
        TestUser holder = realm.createUser("holds-admin-bundle-" + COUNTER.incrementAndGet());
        grantDirectly(holder, new Managed(roleId, name));
        Map<String, Object> remedy = body("userId", holder.id(), "roleId", roleId, "justification", "found by the alert");

        assertError(pim.post(admins.token(admins.manager()), "/alerts/STANDING_ACCESS/remediate", remedy), 403, "forbidden");
        assertThat(realm.hasDirectRealmRole(holder, name)).isTrue();
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + holder.id()).json().size()).isZero();

        Http.Response byRealmAdmin = pim.post(admins.admin(), "/alerts/STANDING_ACCESS/remediate", remedy);
        assertThat(byRealmAdmin.status()).as("realm-admin may map it: " + byRealmAdmin).isEqualTo(200);
    }

    @Test
    void refusedRemediesChangeNothing() {
        Managed role = managedRole(false);
        TestUser holder = realm.createUser("refused-" + COUNTER.incrementAndGet());
        grantDirectly(holder, role);
        TestUser notHolding = realm.createUser("not-holding-" + COUNTER.incrementAndGet());
        Map<String, Object> ok = body("userId", holder.id(), "roleId", role.roleId(), "justification", "x");

        assertError(pim.post(admins.token(admins.viewer()), "/alerts/STANDING_ACCESS/remediate", ok), 403, "forbidden");
        assertError(pim.post(admins.token(admins.plainUser()), "/alerts/STANDING_ACCESS/remediate", ok), 403, "forbidden");
        assertThat(pim.post(null, "/alerts/STANDING_ACCESS/remediate", ok).status()).isEqualTo(401);
        assertError(pim.post(admins.admin(), "/alerts/ROLE_WITHOUT_OTP/remediate", ok), 404, "not_found");
        assertError(pim.post(admins.admin(), "/alerts/STANDING_ACCESS/remediate", body("userId", holder.id(), "roleId", role.roleId())),
                400, "invalid_request");
        assertError(pim.post(admins.admin(), "/alerts/STANDING_ACCESS/remediate", body("roleId", role.roleId(), "justification", "x")),
                400, "invalid_request");
        assertError(pim.post(admins.admin(), "/alerts/STANDING_ACCESS/remediate",
                body("userId", notHolding.id(), "roleId", role.roleId(), "justification", "x")), 409, "conflict");
        String unmanaged = realm.createRealmRole("unmanaged-" + COUNTER.incrementAndGet());
        assertError(pim.post(admins.admin(), "/alerts/STANDING_ACCESS/remediate",
                body("userId", holder.id(), "roleId", unmanaged, "justification", "x")), 409, "conflict");

        assertThat(realm.hasDirectRealmRole(holder, role.roleName())).isTrue();
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + holder.id()).json().size()).isZero();
        assertThat(pim.get(admins.token(admins.viewer()), "/alerts").status()).as("view-users reads the alerts").isEqualTo(200);
        assertError(pim.get(admins.token(admins.plainUser()), "/alerts"), 403, "forbidden");
        assertError(pim.get(admins.admin(), "/alerts?severity=HIGH"), 400, "invalid_request");
    }

    private static void assertError(Http.Response response, int status, String error) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("error").asText()).as(response.toString()).isEqualTo(error);
    }
}
