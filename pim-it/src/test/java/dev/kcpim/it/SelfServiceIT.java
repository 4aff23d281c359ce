package dev.kcpim.it;

import static dev.kcpim.it.support.Waits.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/** The self-service API: eligible roles, activation with step-up OTP, history, deactivate and cancel. */
class SelfServiceIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm().bruteForceProtected(30);
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    static final PimAdminApi adminApi = PimAdminApi.asMasterAdmin(realm);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A fresh user with OTP, a fresh role and an eligibility: the usual starting point. */
    record Setup(TestUser user, String roleId, String roleName, String eligibilityId) {
    }

    private static Setup eligibleUserWithOtp(Map<String, Object> policy) {
        int n = COUNTER.incrementAndGet();
        String roleName = "privileged-" + n;
        String roleId = realm.createRealmRole(roleName);
        if (policy != null) {
            realm.putPolicy(roleId, policy);
        }
        TestUser user = realm.createUser("user-" + n, secret());
        return new Setup(user, roleId, roleName, realm.makeEligible(user, roleId));
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static Map<String, Object> activation(Setup s, String otp) {
        Map<String, Object> body = new HashMap<>();
        body.put("roleId", s.roleId());
        body.put("justification", "incident INC-42: reset a locked account");
        body.put("otp", otp);
        return body;
    }

    @Test
    void activationWithFreshOtpGrantsTheRoleBeforeTheResponse() {
        Setup s = eligibleUserWithOtp(null);

        Http.Response response = s.user().post("/me/requests", activation(s, s.user().otpNow()));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode request = response.json();
        assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(request.path("kind").asText()).isEqualTo("ACTIVATION");
        assertThat(request.path("user").path("id").asText()).isEqualTo(s.user().id());
        assertThat(request.path("user").path("username").asText()).isEqualTo(s.user().username());
        assertThat(request.path("role").path("name").asText()).isEqualTo(s.roleName());
        assertThat(request.path("role").path("clientId").isNull()).isTrue();
        assertThat(request.path("eligibilityId").asText()).isEqualTo(s.eligibilityId());
        assertThat(request.path("durationSeconds").asLong()).isEqualTo(28800);
        assertThat(request.path("endsAt").asLong() - request.path("startsAt").asLong()).isEqualTo(28800_000L);
        assertThat(request.path("decisions").isArray()).isTrue();
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isTrue();
        assertThat(Jwt.realmRoles(s.user().token())).contains(s.roleName());
        assertThat(adminApi.auditCount(s.user().id(), "ACTIVATED")).isEqualTo(1);
    }

    @Test
    void eligibleListsDirectAndGroupEligibilitiesWithTheirPolicy() {
        int n = COUNTER.incrementAndGet();
        TestUser user = realm.createUser("grouped-" + n);
        String direct = realm.createRealmRole("direct-" + n);
        String viaGroup = realm.createRealmRole("via-group-" + n);
        String future = realm.createRealmRole("future-" + n);
        realm.putPolicy(viaGroup, Map.of("maxActivationSeconds", 3600, "requireTicket", true));
        String parent = realm.createGroup("/ops-" + n);
        String child = realm.createGroup("/ops-" + n + "/night-shift");
        realm.joinGroup(user, child);
        realm.makeEligible(user, direct);
        realm.makeGroupEligible(parent, viaGroup);
        realm.pimAdmin("POST", "/eligibilities", Map.of("principalType", "USER", "principalId", user.id(), "roleId", future,
                "startsAt", System.currentTimeMillis() + 3_600_000L));

        JsonNode eligible = user.get("/me/eligible").json();

        assertThat(eligible).hasSize(2);
        JsonNode directEntry = entryFor(eligible, direct);
        assertThat(directEntry.path("via").path("type").asText()).isEqualTo("USER");
        assertThat(directEntry.path("via").path("groupPath").isNull()).isTrue();
        assertThat(directEntry.path("policy").path("maxActivationSeconds").asInt()).isEqualTo(28800);
        assertThat(directEntry.path("activeRequest").isNull()).isTrue();
        JsonNode groupEntry = entryFor(eligible, viaGroup);
        assertThat(groupEntry.path("via").path("type").asText()).isEqualTo("GROUP");
        assertThat(groupEntry.path("via").path("groupPath").asText()).isEqualTo("/ops-" + n);
        assertThat(groupEntry.path("policy").path("maxActivationSeconds").asInt()).isEqualTo(3600);
        assertThat(groupEntry.path("policy").path("requireTicket").asBoolean()).isTrue();
    }

    private static JsonNode entryFor(JsonNode eligible, String roleId) {
        for (JsonNode entry : eligible) {
            if (entry.path("role").path("id").asText().equals(roleId)) {
                return entry;
            }
        }
        throw new AssertionError("no entry for role " + roleId + " in " + eligible);
    }

    @Test
    void eligibleShowsTheOpenRequest() {
        Setup s = eligibleUserWithOtp(null);
        String requestId = s.user().post("/me/requests", activation(s, s.user().otpNow())).json().path("id").asText();

        JsonNode entry = entryFor(s.user().get("/me/eligible").json(), s.roleId());

        assertThat(entry.path("activeRequest").path("id").asText()).isEqualTo(requestId);
        assertThat(entry.path("activeRequest").path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void wrongOtpIsRejectedChangesNothingAndCountsTowardBruteForce() {
        Setup s = eligibleUserWithOtp(null);
        String wrong = s.user().otpNow().equals("000000") ? "111111" : "000000";

        Http.Response response = s.user().post("/me/requests", activation(s, wrong));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_otp");
        // before any further password login, which resets Keycloak's failure count
        awaitFailures(s.user(), 1);
        assertThat(s.user().get("/me/requests").json()).isEmpty();
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isFalse();
        JsonNode rejected = realm.pimAdmin("GET", "/audit?userId=" + s.user().id() + "&action=ACTIVATION_REJECTED", null);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("details").path("error").asText()).isEqualTo("invalid_otp");
        assertThat(rejected.get(0).path("roleId").asText()).isEqualTo(s.roleId());
    }

    static void awaitFailures(TestUser user, int atLeast) {
        long deadline = System.currentTimeMillis() + 10_000;
        int failures = 0;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Object> status = realm.resource().attackDetection().bruteForceUserStatus(user.id());
            failures = ((Number) status.get("numFailures")).intValue();
            if (failures >= atLeast) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("brute-force failures stayed at " + failures);
    }


    @Test
    void missingOtpIsOtpRequired() {
        Setup s = eligibleUserWithOtp(null);
        Http.Response response = s.user().post("/me/requests", activation(s, null));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("otp_required");
    }

    @Test
    void userWithoutOtpCredentialIsOtpNotConfigured() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole("no-otp-" + n);
        TestUser user = realm.createUser("no-otp-user-" + n);
        realm.makeEligible(user, roleId);

        Http.Response response = user.post("/me/requests", Map.of("roleId", roleId, "justification", "x", "otp", "123456"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error()).isEqualTo("otp_not_configured");
    }

    @Test
    void aCodeUsedByAnEarlierActivationIsRefused() {
        Setup s = eligibleUserWithOtp(null);
        String code = s.user().otpNow();
        String requestId = s.user().post("/me/requests", activation(s, code)).json().path("id").asText();
        assertThat(s.user().post("/me/requests/" + requestId + "/deactivate", Map.of()).status()).isEqualTo(200);

        Http.Response reuse = s.user().post("/me/requests", activation(s, code));

        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.error()).isEqualTo("invalid_otp");
    }

    @Test
    void aCodeUsedAtLoginIsRefused() {
        Setup s = eligibleUserWithOtp(null);
        String code = s.user().otpNow();
        Http.Response login = Http.postForm(realm.url("/protocol/openid-connect/token"), Map.of("grant_type", "password",
                "client_id", TestRealm.OTP_LOGIN_CLIENT, "username", s.user().username(), "password", s.user().password(), "totp", code));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);

        Http.Response reuse = s.user().post("/me/requests", activation(s, code));

        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.error()).isEqualTo("invalid_otp");
    }

    @Test
    void failedChecksBeforeOtpDoNotConsumeTheCode() {
        Setup s = eligibleUserWithOtp(null);
        String code = s.user().otpNow();
        Map<String, Object> tooLong = activation(s, code);
        tooLong.put("durationSeconds", 999_999);
        assertThat(s.user().post("/me/requests", tooLong).error()).isEqualTo("duration_invalid");

        Http.Response response = s.user().post("/me/requests", activation(s, code));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void notEligibleIs403AndChangesNothing() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole("not-mine-" + n);
        TestUser user = realm.createUser("outsider-" + n, secret());

        Http.Response response = user.post("/me/requests", Map.of("roleId", roleId, "justification", "x", "otp", user.otpNow()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error()).isEqualTo("not_eligible");
        assertThat(adminApi.auditCount(user.id(), "ACTIVATION_REJECTED")).isEqualTo(1);
    }

    @Test
    void expiredEligibilityIsNotEligible() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole("short-" + n);
        TestUser user = realm.createUser("short-user-" + n, secret());
        long now = ServerClock.nowMillis();
        realm.pimAdmin("POST", "/eligibilities", Map.of("principalType", "USER", "principalId", user.id(), "roleId", roleId,
                "startsAt", now - 60_000, "endsAt", now + 60_000));
        clock.advance(Duration.ofSeconds(61));

        Http.Response response = user.post("/me/requests", Map.of("roleId", roleId, "justification", "x", "otp", user.otpNow()));

        assertThat(response.error()).isEqualTo("not_eligible");
        assertThat(user.get("/me/eligible").json()).isEmpty();
    }

    @Test
    void unknownRoleAndRoleOfAnotherRealmAreInvalidRequestsNamingTheRole() {
        Setup s = eligibleUserWithOtp(null);
        String foreignRole = otherRealm.createRealmRole("foreign");
        Http.Response foreign = s.user().post("/me/requests", Map.of("roleId", foreignRole, "justification", "x", "otp", "1"));
        assertThat(foreign.error()).isEqualTo("invalid_request");
        assertThat(foreign.json().path("error_description").asText()).isEqualTo("no role with id " + foreignRole + " in this realm");
        Http.Response unknown = s.user().post("/me/requests", Map.of("roleName", "no-such-role", "justification", "x", "otp", "1"));
        assertThat(unknown.error()).isEqualTo("invalid_request");
        assertThat(unknown.json().path("error_description").asText()).isEqualTo("no realm role named no-such-role in this realm");
        assertThat(s.user().post("/me/requests", Map.of("justification", "x")).error()).isEqualTo("invalid_request");
    }

    @Test
    void roleHeldDirectlyIsAlreadyAssignedAndStaysHeld() {
        Setup s = eligibleUserWithOtp(null);
        RoleRepresentation role = realm.resource().roles().get(s.roleName()).toRepresentation();
        realm.resource().users().get(s.user().id()).roles().realmLevel().add(List.of(role));

        Http.Response response = s.user().post("/me/requests", activation(s, s.user().otpNow()));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("already_assigned");
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isTrue();
    }

    @Test
    void secondRequestWhileOneIsOpenIsConflict() {
        Setup s = eligibleUserWithOtp(Map.of("requireOtp", false));
        assertThat(s.user().post("/me/requests", activation(s, null)).status()).isEqualTo(201);

        Http.Response second = s.user().post("/me/requests", activation(s, null));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.error()).isEqualTo("conflict");
    }

    @Test
    void durationOutsideThePolicyIsDurationInvalid() {
        Setup s = eligibleUserWithOtp(Map.of("requireOtp", false, "maxActivationSeconds", 3600));
        for (long duration : new long[]{59, 3601}) {
            Map<String, Object> body = activation(s, null);
            body.put("durationSeconds", duration);
            Http.Response response = s.user().post("/me/requests", body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.error()).isEqualTo("duration_invalid");
        }
        Map<String, Object> body = activation(s, null);
        body.put("durationSeconds", 3600);
        JsonNode request = s.user().post("/me/requests", body).json();
        assertThat(request.path("durationSeconds").asLong()).isEqualTo(3600);
    }

    @Test
    void justificationRulesOfThePolicy() {
        Setup s = eligibleUserWithOtp(Map.of("requireOtp", false, "justificationPattern", "INC-\\d+: .+"));

        Map<String, Object> missing = activation(s, null);
        missing.remove("justification");
        assertThat(s.user().post("/me/requests", missing).error()).isEqualTo("justification_required");

        Map<String, Object> mismatch = activation(s, null);
        mismatch.put("justification", "because I can");
        assertThat(s.user().post("/me/requests", mismatch).error()).isEqualTo("justification_invalid");

        Map<String, Object> overlong = activation(s, null);
        overlong.put("justification", "INC-1: " + "x".repeat(1000));
        assertThat(s.user().post("/me/requests", overlong).error()).isEqualTo("justification_invalid");

        Map<String, Object> control = activation(s, null);
        control.put("justification", "INC-1: a\u0000b");
        assertThat(s.user().post("/me/requests", control).error()).isEqualTo("justification_invalid");

        Map<String, Object> markup = activation(s, null);
        markup.put("justification", "INC-7: <script>alert(1)</script> ' OR 1=1 --");
        Http.Response stored = s.user().post("/me/requests", markup);
        assertThat(stored.status()).isEqualTo(201);
        assertThat(stored.json().path("justification").asText()).isEqualTo("INC-7: <script>alert(1)</script> ' OR 1=1 --");
        assertThat(stored.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void ticketRequiredByThePolicy() {
        Setup s = eligibleUserWithOtp(Map.of("requireOtp", false, "requireTicket", true));
        assertThat(s.user().post("/me/requests", activation(s, null)).error()).isEqualTo("ticket_required");
        Map<String, Object> body = activation(s, null);
        body.put("ticket", "CHG-1234");
        JsonNode request = s.user().post("/me/requests", body).json();
        assertThat(request.path("ticket").asText()).isEqualTo("CHG-1234");
    }

    @Test
    void malformedBodiesAreInvalidRequest() {
        Setup s = eligibleUserWithOtp(null);
        assertThat(s.user().post("/me/requests", "{not json").error()).isEqualTo("invalid_request");
        assertThat(s.user().post("/me/requests", "{\"roleId\":\"" + s.roleId() + "\",\"durationSeconds\":\"abc\"}").error())
                .isEqualTo("invalid_request");
        assertThat(s.user().post("/me/requests", "[]").error()).isEqualTo("invalid_request");
        assertThat(s.user().post("/me/requests", Map.of("roleId", "x".repeat(300))).error()).isEqualTo("invalid_request");
        assertThat(s.user().get("/me/requests").json()).isEmpty();
    }

    @Test
    void scheduledActivationWaitsAndCanBeCancelled() {
        Setup s = eligibleUserWithOtp(Map.of("requireOtp", false));
        Map<String, Object> body = activation(s, null);
        long startsAt = System.currentTimeMillis() + 3_600_000L;
        body.put("startsAt", startsAt);

        JsonNode request = s.user().post("/me/requests", body).json();

        assertThat(request.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(request.path("startsAt").asLong()).isEqualTo(startsAt);
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isFalse();
        JsonNode cancelled = s.user().post("/me/requests/" + request.path("id").asText() + "/cancel", Map.of()).json();
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("endedAt").isNull()).isFalse();
    }

    @Test
    void approvalRequiredLeavesTheRequestPending() {
        int n = COUNTER.incrementAndGet();
        TestUser approver = realm.createUser("approver-" + n);
        Setup s = eligibleUserWithOtp(Map.of("requireOtp", false, "requireApproval", true,
                "approvers", Map.of("users", List.of(approver.id()))));

        JsonNode request = s.user().post("/me/requests", activation(s, null)).json();

        assertThat(request.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isFalse();
        assertThat(s.user().post("/me/requests/" + request.path("id").asText() + "/deactivate", Map.of()).error()).isEqualTo("conflict");
        assertThat(s.user().post("/me/requests/" + request.path("id").asText() + "/cancel", Map.of()).json()
                .path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void deactivateRemovesTheMappingBeforeTheResponse() {
        Setup s = eligibleUserWithOtp(null);
        String requestId = s.user().post("/me/requests", activation(s, s.user().otpNow())).json().path("id").asText();
        assertThat(Jwt.realmRoles(s.user().token())).contains(s.roleName());

        Http.Response response = s.user().post("/me/requests/" + requestId + "/deactivate", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("DEACTIVATED");
        assertThat(response.json().path("endReason").asText()).isNotBlank();
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isFalse();
        assertThat(Jwt.realmRoles(s.user().token())).doesNotContain(s.roleName());
        assertThat(s.user().post("/me/requests/" + requestId + "/deactivate", Map.of()).error()).isEqualTo("conflict");
        assertThat(s.user().post("/me/requests/" + requestId + "/cancel", Map.of()).error()).isEqualTo("conflict");
        assertThat(adminApi.auditCount(s.user().id(), "DEACTIVATED")).isEqualTo(1);
    }

    @Test
    void anotherUsersRequestIsNotFoundAndNotListed() {
        Setup owner = eligibleUserWithOtp(Map.of("requireOtp", false));
        Setup intruder = eligibleUserWithOtp(Map.of("requireOtp", false));
        String requestId = owner.user().post("/me/requests", activation(owner, null)).json().path("id").asText();

        assertThat(intruder.user().post("/me/requests/" + requestId + "/deactivate", Map.of()).error()).isEqualTo("not_found");
        assertThat(intruder.user().post("/me/requests/" + requestId + "/cancel", Map.of()).error()).isEqualTo("not_found");
        assertThat(intruder.user().get("/me/requests").json()).isEmpty();
        assertThat(realm.hasDirectRealmRole(owner.user(), owner.roleName())).isTrue();
    }

    @Test
    void myRequestsNewestFirstWithStatusFilterAndPaging() {
        Setup s = eligibleUserWithOtp(Map.of("requireOtp", false));
        String first = s.user().post("/me/requests", activation(s, null)).json().path("id").asText();
        s.user().post("/me/requests/" + first + "/deactivate", Map.of());
        sleep(5);
        String second = s.user().post("/me/requests", activation(s, null)).json().path("id").asText();

        JsonNode all = s.user().get("/me/requests").json();
        assertThat(all).hasSize(2);
        assertThat(all.get(0).path("id").asText()).isEqualTo(second);
        assertThat(all.get(1).path("id").asText()).isEqualTo(first);
        assertThat(s.user().get("/me/requests?status=DEACTIVATED").json()).hasSize(1);
        assertThat(s.user().get("/me/requests?max=1").json()).hasSize(1);
        assertThat(s.user().get("/me/requests?first=1&max=5").json().get(0).path("id").asText()).isEqualTo(first);
        assertThat(s.user().get("/me/requests?status=NOPE").error()).isEqualTo("invalid_request");
        assertThat(s.user().get("/me/requests?max=abc").error()).isEqualTo("invalid_request");
    }

    @Test
    void clientRolesActivateByClientIdAndName() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createClientRole("billing-app", "billing-admin-" + n);
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("client-role-user-" + n);
        realm.makeEligible(user, roleId);

        Http.Response response = user.post("/me/requests",
                Map.of("clientId", "billing-app", "roleName", "billing-admin-" + n, "justification", "month-end close"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("role").path("clientId").asText()).isEqualTo("billing-app");
        JsonNode claims = Jwt.claims(user.token());
        assertThat(claims.path("resource_access").path("billing-app").path("roles").toString()).contains("billing-admin-" + n);
    }
}
