package dev.kcpim.it;

import static dev.kcpim.it.support.Approvals.decide;
import static dev.kcpim.it.support.Waits.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Approvals of the self-service API ({@code GET /approvals}, {@code POST /approvals/{id}}): who may
 * decide, the quorum, denial, the window planned at approval time, scheduled starts, cancel and
 * timeout, approver OTP, and every error code of the contract.
 */
class ApprovalsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    static final PimAdminApi adminApi = PimAdminApi.asMasterAdmin(realm);

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String REASON = "on call, verified the incident";

    /** A role that needs approval, and an eligible requester without OTP step-up. */
    record Setup(TestUser requester, String roleId, String roleName) {
    }

    private static Setup roleNeedingApproval(Map<String, Object> approvers, int minApprovals, Map<String, Object> extraPolicy) {
        int n = COUNTER.incrementAndGet();
        String roleName = "approved-role-" + n;
        String roleId = realm.createRealmRole(roleName);
        Map<String, Object> policy = new HashMap<>(Map.of("requireOtp", false, "requireApproval", true, "approvers", approvers,
                "minApprovals", minApprovals));
        policy.putAll(extraPolicy);
        realm.putPolicy(roleId, policy);
        TestUser requester = realm.createUser("requester-" + n);
        realm.makeEligible(requester, roleId);
        return new Setup(requester, roleId, roleName);
    }

    private static Setup roleApprovedBy(TestUser... approvers) {
        return roleNeedingApproval(Map.of("users", List.of(ids(approvers))), 1, Map.of());
    }

    private static String[] ids(TestUser... users) {
        return java.util.Arrays.stream(users).map(TestUser::id).toArray(String[]::new);
    }

    private static TestUser user(String prefix) {
        return realm.createUser(prefix + "-" + COUNTER.incrementAndGet());
    }

    private static TestUser userWithOtp(String prefix) {
        return realm.createUser(prefix + "-" + COUNTER.incrementAndGet(), UUID.randomUUID().toString().replace("-", "").substring(0, 20));
    }

    private static JsonNode request(Setup s, long durationSeconds, Long startsAt) {
        Map<String, Object> body = new HashMap<>(Map.of("roleId", s.roleId(), "durationSeconds", durationSeconds,
                "justification", "INC-4711 unlock a locked-out user"));
        if (startsAt != null) {
            body.put("startsAt", startsAt);
        }
        Http.Response response = s.requester().post("/me/requests", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("status").asText()).isEqualTo("PENDING_APPROVAL");
        return response.json();
    }

    private static List<String> listedIds(TestUser approver) {
        List<String> ids = new ArrayList<>();
        approver.get("/approvals").json().forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private static JsonNode adminRequest(String requestId) {
        return realm.pimAdmin("GET", "/requests/" + requestId, null);
    }

    @Test
    void anApproverSeesThePendingRequestAndApprovingGrantsTheRoleAtOnce() {
        TestUser carol = user("carol");
        TestUser dave = user("dave");
        Setup s = roleApprovedBy(carol);
        JsonNode pending = request(s, 600, null);
        String id = pending.path("id").asText();

        Http.Response list = carol.get("/approvals");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("X-PIM-Approver")).isEqualTo("true");
        assertThat(list.json()).hasSize(1);
        JsonNode listed = list.json().get(0);
        assertThat(listed.path("id").asText()).isEqualTo(id);
        assertThat(listed.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(listed.path("user").path("username").asText()).isEqualTo(s.requester().username());
        assertThat(listed.path("role").path("name").asText()).isEqualTo(s.roleName());
        assertThat(listed.path("justification").asText()).isEqualTo("INC-4711 unlock a locked-out user");
        assertThat(listed.path("policy").path("approverRequireOtp").asBoolean()).isFalse();
        assertThat(listed.path("policy").path("minApprovals").asInt()).isEqualTo(1);
        assertThat(listed.path("approvalDeadline").asLong()).isEqualTo(pending.path("requestedAt").asLong() + 86_400_000L);
        assertThat(pending.path("approvalDeadline").asLong()).as("the request itself").isEqualTo(listed.path("approvalDeadline").asLong());
        JsonNode adminView = realm.pimAdmin("GET", "/requests?status=PENDING_APPROVAL&userId=" + s.requester().id(), null).get(0);
        assertThat(adminView.path("approvalDeadline").asLong()).isEqualTo(listed.path("approvalDeadline").asLong());
        assertThat(adminView.path("requestedBy").asText()).isEqualTo(s.requester().id());
        Http.Response notAnApprover = dave.get("/approvals");
        assertThat(notAnApprover.json()).isEmpty();
        assertThat(notAnApprover.header("X-PIM-Approver")).isEqualTo("false");

        long before = System.currentTimeMillis();
        Http.Response approved = decide(carol, id, "APPROVE", REASON);

        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        JsonNode request = approved.json();
        assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(request.path("startsAt").asLong()).isGreaterThanOrEqualTo(before - 1_000);
        assertThat(request.path("endsAt").asLong() - request.path("startsAt").asLong()).isEqualTo(600_000L);
        assertThat(request.path("decisions")).hasSize(1);
        JsonNode decision = request.path("decisions").get(0);
        assertThat(decision.path("approver").path("id").asText()).isEqualTo(carol.id());
        assertThat(decision.path("approver").path("username").asText()).isEqualTo(carol.username());
        assertThat(decision.path("decision").asText()).isEqualTo("APPROVE");
        assertThat(decision.path("reason").asText()).isEqualTo(REASON);
        assertThat(decision.path("at").asLong()).isGreaterThanOrEqualTo(before - 1_000);
        assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isTrue();
        assertThat(Jwt.realmRoles(s.requester().token())).contains(s.roleName());
        assertThat(listedIds(carol)).doesNotContain(id);
        assertThat(adminApi.auditCount(s.requester().id(), "APPROVAL_DECIDED")).isEqualTo(1);
        assertThat(adminApi.auditCount(s.requester().id(), "APPROVED")).isEqualTo(1);
        JsonNode mine = s.requester().get("/me/requests/" + id).json();
        assertThat(mine.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(mine.path("decisions")).hasSize(1);

        Http.Response again = decide(carol, id, "APPROVE", REASON);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("conflict");
    }

    @Test
    void theWindowStartsAtTheApprovalNotAtTheRequest() {
        TestUser carol = user("carol");
        Setup s = roleApprovedBy(carol);
        JsonNode pending = request(s, 900, null);
        clock.advance(Duration.ofMinutes(10));

        long before = ServerClock.nowMillis();
        JsonNode approved = decide(carol, pending.path("id").asText(), "APPROVE", REASON).json();

        assertThat(approved.path("startsAt").asLong()).isGreaterThanOrEqualTo(pending.path("requestedAt").asLong() + 600_000);
        assertThat(approved.path("startsAt").asLong()).isBetween(before - 1_000, ServerClock.nowMillis() + 1_000);
        assertThat(approved.path("endsAt").asLong()).isEqualTo(approved.path("startsAt").asLong() + 900_000L);
        assertThat(approved.path("durationSeconds").asLong()).isEqualTo(900);
        assertThat(approved.path("requestedAt").asLong()).isEqualTo(pending.path("requestedAt").asLong());
    }

    @Test
    void theQuorumNeedsDistinctApproversFromUsersGroupsAndRoles() {
        int n = COUNTER.incrementAndGet();
        String group = realm.createGroup("/approvers-" + n);
        String nightShift = realm.createGroup("/approvers-" + n + "/night-shift");
        TestUser subgroupMember = user("night");
        realm.joinGroup(subgroupMember, nightShift);

        String approverRole = realm.createRealmRole("pim-approver-" + n);
        RoleRepresentation approverRoleRep = realm.resource().roles().get("pim-approver-" + n).toRepresentation();
        realm.createRealmRole("security-lead-" + n);
        realm.resource().roles().get("security-lead-" + n).addComposites(List.of(approverRoleRep));
        TestUser compositeHolder = user("lead");
        realm.resource().users().get(compositeHolder.id()).roles().realmLevel()
                .add(List.of(realm.resource().roles().get("security-lead-" + n).toRepresentation()));
        String roleGroup = realm.createGroup("/security-" + n);
        realm.resource().groups().group(roleGroup).roles().realmLevel().add(List.of(approverRoleRep));
        TestUser groupRoleHolder = user("sec");
        realm.joinGroup(groupRoleHolder, roleGroup);
        TestUser outsider = user("outsider");

        Setup s = roleNeedingApproval(Map.of("groups", List.of(group), "roles", List.of(approverRole)), 3, Map.of());
        String id = request(s, 600, null).path("id").asText();
        for (TestUser approver : List.of(subgroupMember, compositeHolder, groupRoleHolder)) {
            assertThat(listedIds(approver)).as(approver.username()).containsExactly(id);
        }
        assertThat(listedIds(outsider)).isEmpty();
        assertThat(decide(outsider, id, "APPROVE", REASON).error()).isEqualTo("forbidden");

        JsonNode first = decide(subgroupMember, id, "APPROVE", REASON).json();
        assertThat(first.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(first.path("decisions")).hasSize(1);
        Http.Response twice = decide(subgroupMember, id, "APPROVE", REASON);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.error()).isEqualTo("conflict");
        assertThat(listedIds(subgroupMember)).isEmpty();
        assertThat(listedIds(compositeHolder)).containsExactly(id);

        assertThat(decide(compositeHolder, id, "APPROVE", REASON).json().path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isFalse();
        JsonNode last = decide(groupRoleHolder, id, "APPROVE", REASON).json();

        assertThat(last.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(last.path("decisions")).hasSize(3);
        assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isTrue();
        assertThat(adminApi.auditCount(s.requester().id(), "APPROVAL_DECIDED")).isEqualTo(3);
        assertThat(adminApi.auditCount(s.requester().id(), "APPROVED")).isEqualTo(1);
    }

    @Test
    void theFirstDenyEndsTheRequest() {
        TestUser carol = user("carol");
        TestUser dave = user("dave");
        TestUser erin = user("erin");
        Setup s = roleNeedingApproval(Map.of("users", List.of(carol.id(), dave.id(), erin.id())), 2, Map.of());
        String id = request(s, 600, null).path("id").asText();
        assertThat(decide(carol, id, "APPROVE", REASON).json().path("status").asText()).isEqualTo("PENDING_APPROVAL");

        Http.Response denied = decide(dave, id, "DENY", "no change ticket for this");

        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json().path("status").asText()).isEqualTo("DENIED");
        assertThat(denied.json().path("endedAt").isNull()).isFalse();
        assertThat(denied.json().path("endReason").asText()).contains(dave.username()).contains("no change ticket for this");
        assertThat(denied.json().path("decisions")).hasSize(2);
        assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isFalse();
        Http.Response late = decide(erin, id, "APPROVE", REASON);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.error()).isEqualTo("conflict");
        assertThat(listedIds(erin)).doesNotContain(id);
        assertThat(s.requester().get("/me/requests/" + id).json().path("status").asText()).isEqualTo("DENIED");
        assertThat(adminApi.auditCount(s.requester().id(), "DENIED")).isEqualTo(1);
        // the role can be requested again
        assertThat(request(s, 600, null).path("status").asText()).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void aRequesterNeverDecidesTheirOwnRequest() {
        int n = COUNTER.incrementAndGet();
        String group = realm.createGroup("/self-approvers-" + n);
        TestUser colleague = user("colleague");
        realm.joinGroup(colleague, group);
        Setup s = roleNeedingApproval(Map.of("groups", List.of(group)), 1, Map.of());
        realm.joinGroup(s.requester(), group);
        String id = request(s, 600, null).path("id").asText();

        assertThat(listedIds(s.requester())).doesNotContain(id);
        for (String decision : List.of("APPROVE", "DENY")) {
            Http.Response own = decide(s.requester(), id, decision, REASON);
            assertThat(own.status()).isEqualTo(403);
            assertThat(own.error()).isEqualTo("self_approval");
        }
        assertThat(adminRequest(id).path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(adminRequest(id).path("decisions")).isEmpty();
        JsonNode rejected = realm.pimAdmin("GET", "/audit?userId=" + s.requester().id() + "&action=DECISION_REJECTED", null);
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).path("details").path("error").asText()).isEqualTo("self_approval");
        assertThat(rejected.get(0).path("actor").path("id").asText()).isEqualTo(s.requester().id());
        assertThat(listedIds(colleague)).containsExactly(id);
    }

    @Test
    void nonApproversAreForbiddenAndUnknownOrForeignRequestsAreNotFound() {
        TestUser carol = user("carol");
        TestUser mallory = user("mallory");
        Setup s = roleApprovedBy(carol);
        String id = request(s, 600, null).path("id").asText();

        Http.Response forbidden = decide(mallory, id, "APPROVE", REASON);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.error()).isEqualTo("forbidden");
        Http.Response unknown = decide(carol, UUID.randomUUID().toString(), "APPROVE", REASON);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("not_found");
        assertThat(decide(carol, "x".repeat(300), "APPROVE", REASON).error()).isEqualTo("not_found");

        String foreignRole = otherRealm.createRealmRole("foreign-approved");
        TestUser foreignApprover = otherRealm.createUser("foreign-approver");
        otherRealm.putPolicy(foreignRole, Map.of("requireOtp", false, "requireApproval", true,
                "approvers", Map.of("users", List.of(foreignApprover.id()))));
        TestUser foreignRequester = otherRealm.createUser("foreign-requester");
        otherRealm.makeEligible(foreignRequester, foreignRole);
        String foreignId = foreignRequester.post("/me/requests", Map.of("roleId", foreignRole, "justification", "x"))
                .json().path("id").asText();
        assertThat(decide(carol, foreignId, "APPROVE", REASON).error()).isEqualTo("not_found");
        assertThat(listedIds(foreignApprover)).containsExactly(foreignId);
        assertThat(adminRequest(id).path("status").asText()).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void aReasonIsRequiredForBothDecisionsAndInputIsCheckedFirst() {
        TestUser carol = user("carol");
        TestUser mallory = user("mallory");
        Setup s = roleApprovedBy(carol);
        String id = request(s, 600, null).path("id").asText();

        for (String decision : List.of("APPROVE", "DENY")) {
            for (String reason : new String[]{null, "", "   "}) {
                Http.Response response = decide(carol, id, decision, reason);
                assertThat(response.status()).as(decision + " reason=" + reason).isEqualTo(400);
                assertThat(response.error()).isEqualTo("invalid_request");
            }
        }
        assertThat(decide(carol, id, "MAYBE", REASON).error()).isEqualTo("invalid_request");
        assertThat(decide(carol, id, null, REASON).error()).isEqualTo("invalid_request");
        assertThat(decide(carol, id, "APPROVE", "x".repeat(1001)).error()).isEqualTo("invalid_request");
        assertThat(carol.post("/approvals/" + id, "{not json").error()).isEqualTo("invalid_request");
        // input errors come before the approver check
        assertThat(decide(mallory, id, "APPROVE", null).error()).isEqualTo("invalid_request");
        assertThat(adminRequest(id).path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(adminRequest(id).path("decisions")).isEmpty();
    }

    @Test
    void approvalsNeedAnAccountAudienceTokenOfAUser() {
        TestUser carol = user("carol");
        Setup s = roleApprovedBy(carol);
        String id = request(s, 600, null).path("id").asText();
        Map<String, Object> body = Map.of("decision", "APPROVE", "reason", REASON);

        assertThat(Http.get(realm.url("/pim/approvals"), null).status()).isEqualTo(401);
        assertThat(Http.post(realm.url("/pim/approvals/" + id), null, body).status()).isEqualTo(401);
        assertThat(Http.post(realm.url("/pim/approvals/" + id), "garbage", body).status()).isEqualTo(401);
        assertThat(Http.post(realm.url("/pim/approvals/" + id), carol.tokenFrom(TestRealm.NO_AUDIENCE_CLIENT), body).status())
                .isEqualTo(401);
        assertThat(Http.get(realm.url("/pim/approvals"), realm.serviceAccountToken()).status()).isEqualTo(403);
        Http.Response service = Http.post(realm.url("/pim/approvals/" + id), realm.serviceAccountToken(), body);
        assertThat(service.status()).isEqualTo(403);
        assertThat(service.error()).isEqualTo("forbidden");
        TestUser foreign = otherRealm.createUser("foreign-" + COUNTER.incrementAndGet());
        assertThat(Http.post(realm.url("/pim/approvals/" + id), foreign.token(), body).status()).isEqualTo(401);
        assertThat(adminRequest(id).path("status").asText()).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void approverRequireOtpNeedsTheApproversOwnFreshCode() {
        TestUser carol = userWithOtp("carol");
        TestUser noOtp = user("no-otp");
        Setup s = roleNeedingApproval(Map.of("users", List.of(carol.id(), noOtp.id())), 1, Map.of("approverRequireOtp", true));
        String id = request(s, 600, null).path("id").asText();
        assertThat(carol.get("/approvals").json().get(0).path("policy").path("approverRequireOtp").asBoolean()).isTrue();

        Http.Response missing = decide(carol, id, "APPROVE", REASON);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("otp_required");
        Http.Response notConfigured = decide(noOtp, id, "APPROVE", REASON);
        assertThat(notConfigured.status()).isEqualTo(403);
        assertThat(notConfigured.error()).isEqualTo("otp_not_configured");
        String wrong = carol.otpNow().equals("000000") ? "111111" : "000000";
        Http.Response invalid = carol.post("/approvals/" + id, Map.of("decision", "APPROVE", "reason", REASON, "otp", wrong));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).isEqualTo("invalid_otp");
        // the requester's own code is not the approver's
        assertThat(adminRequest(id).path("status").asText()).isEqualTo("PENDING_APPROVAL");

        String code = carol.otpNow();
        Http.Response approved = carol.post("/approvals/" + id, Map.of("decision", "APPROVE", "reason", REASON, "otp", code));

        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("ACTIVE");
        JsonNode rejected = realm.pimAdmin("GET", "/audit?userId=" + s.requester().id() + "&action=DECISION_REJECTED", null);
        assertThat(rejected).extracting(e -> e.path("details").path("error").asText())
                .containsExactlyInAnyOrder("otp_required", "otp_not_configured", "invalid_otp");

        // a used code is refused for the next decision
        Setup next = roleNeedingApproval(Map.of("users", List.of(carol.id())), 1, Map.of("approverRequireOtp", true));
        String nextId = request(next, 600, null).path("id").asText();
        Http.Response reused = carol.post("/approvals/" + nextId, Map.of("decision", "DENY", "reason", REASON, "otp", code));
        assertThat(reused.error()).isEqualTo("invalid_otp");
    }

    @Test
    void anApprovalBeforeTheProposedStartSchedulesItAndTheExpiryTaskStartsIt() {
        TestUser carol = user("carol");
        Setup s = roleApprovedBy(carol);
        long proposed = ServerClock.nowMillis() + 120_000;
        String id = request(s, 600, proposed).path("id").asText();

        JsonNode scheduled = decide(carol, id, "APPROVE", REASON).json();

        assertThat(scheduled.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.path("startsAt").asLong()).isEqualTo(proposed);
        assertThat(scheduled.path("endsAt").asLong()).isEqualTo(proposed + 600_000L);
        assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isFalse();

        clock.advance(Duration.ofSeconds((proposed - ServerClock.nowMillis()) / 1000 + 1));
        long movedAt = System.currentTimeMillis();
        long startedAt = waitUntil(() -> realm.hasDirectRealmRole(s.requester(), s.roleName()), 20_000);

        assertThat(startedAt - movedAt).as("the periodic task's lag after the start").isLessThanOrEqualTo((KeycloakServer.EXPIRY_INTERVAL_SECONDS + 1) * 1000L);
        assertThat(adminRequest(id).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(adminApi.auditCount(s.requester().id(), "STARTED")).isEqualTo(1);
    }

    @Test
    void aScheduledApprovedRequestCanBeCancelled() {
        TestUser carol = user("carol");
        Setup s = roleApprovedBy(carol);
        String id = request(s, 600, System.currentTimeMillis() + 3_600_000L).path("id").asText();
        assertThat(decide(carol, id, "APPROVE", REASON).json().path("status").asText()).isEqualTo("SCHEDULED");

        JsonNode cancelled = s.requester().post("/me/requests/" + id + "/cancel", Map.of()).json();

        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isFalse();
    }

    @Test
    void aCancelledRequestLeavesTheListAndCannotBeDecided() {
        TestUser carol = user("carol");
        Setup s = roleApprovedBy(carol);
        String id = request(s, 600, null).path("id").asText();
        assertThat(listedIds(carol)).containsExactly(id);

        assertThat(s.requester().post("/me/requests/" + id + "/cancel", Map.of()).json().path("status").asText()).isEqualTo("CANCELLED");

        assertThat(listedIds(carol)).isEmpty();
        Http.Response late = decide(carol, id, "APPROVE", REASON);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.error()).isEqualTo("conflict");
        assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isFalse();
    }

    @Test
    void concurrentApprovalsReachTheQuorumExactlyOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            List<TestUser> approvers = List.of(user("a"), user("b"), user("c"));
            Setup s = roleNeedingApproval(Map.of("users", List.of(ids(approvers.toArray(TestUser[]::new)))), 2, Map.of());
            String id = request(s, 600, null).path("id").asText();
            List<String> tokens = approvers.stream().map(TestUser::token).toList();
            CountDownLatch start = new CountDownLatch(1);
            List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (String token : tokens) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    statuses.add(Http.post(realm.url("/pim/approvals/" + id), token, Map.of("decision", "APPROVE", "reason", REASON)).status());
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }

            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 200, 409);
            JsonNode request = adminRequest(id);
            assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(request.path("decisions")).hasSize(2);
            assertThat(adminApi.auditCount(s.requester().id(), "APPROVED")).isEqualTo(1);
            assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isTrue();
        }
    }

    @Test
    void theListIsOldestFirstAndPaged() {
        TestUser carol = user("carol");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(request(roleApprovedBy(carol), 600, null).path("id").asText());
        }
        assertThat(listedIds(carol)).containsExactlyElementsOf(ids);
        List<String> page = new ArrayList<>();
        carol.get("/approvals?first=1&max=1").json().forEach(r -> page.add(r.path("id").asText()));
        assertThat(page).containsExactly(ids.get(1));
        assertThat(carol.get("/approvals?max=0").error()).isEqualTo("invalid_request");
    }

    @Test
    void aPendingRequestTimesOutAndCannotBeDecidedAfterwards() {
        TestUser carol = user("carol");
        Setup s = roleNeedingApproval(Map.of("users", List.of(carol.id())), 1, Map.of("approvalTimeoutSeconds", 300));
        String id = request(s, 600, null).path("id").asText();
        clock.advanceAndExpire(Duration.ofSeconds(200));
        assertThat(adminRequest(id).path("status").asText()).as("before the deadline").isEqualTo("PENDING_APPROVAL");

        clock.advanceAndExpire(Duration.ofSeconds(101));
        assertThat(adminRequest(id).path("status").asText()).isEqualTo("REQUEST_EXPIRED");

        assertThat(listedIds(carol)).doesNotContain(id);
        assertThat(decide(carol, id, "APPROVE", REASON).error()).isEqualTo("conflict");
        assertThat(adminApi.auditCount(s.requester().id(), "REQUEST_EXPIRED")).isEqualTo(1);
        assertThat(realm.hasDirectRealmRole(s.requester(), s.roleName())).isFalse();
    }



}
