package dev.kcpim.it;

import static dev.kcpim.it.support.Approvals.decide;
import static dev.kcpim.it.support.Ports.freePort;
import static dev.kcpim.it.support.Waits.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Mailbox;
import dev.kcpim.it.support.Mailbox.Mail;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Email notifications through Keycloak's own email sending, to a real SMTP server on 127.0.0.1
 * (GreenMail): who gets which email, what it says, that user text is escaped, and that a failing
 * SMTP server never blocks or undoes a change.
 */
class EmailIT {

    /** SMTP at GreenMail, email theme {@code pim}, Frontend URL set (so the expiry task's emails have links). */
    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    /** SMTP at a port where nothing listens. */
    @RegisterExtension
    static final TestRealm brokenSmtp = new TestRealm();
    /** SMTP at GreenMail but Keycloak's default email theme, which lacks PIM's templates. */
    @RegisterExtension
    static final TestRealm withoutPimTheme = new TestRealm();
    /** No SMTP server: no emails, and nothing to report. */
    @RegisterExtension
    static final TestRealm withoutSmtp = new TestRealm();

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long TIMEOUT = 20_000;
    private static Mailbox mail;

    @BeforeAll
    static void startSmtp() {
        mail = new Mailbox().start();
        Mailbox.configure(realm, mail.port(), "pim", true);
        Mailbox.configure(brokenSmtp, freePort(), "pim", false);
        Mailbox.configure(withoutPimTheme, mail.port(), null, false);
    }

    @AfterAll
    static void stopSmtp() {
        if (mail != null) {
            mail.stop();
        }
    }

    // --- what arrived

    private static List<Mail> mailsTo(TestUser user) {
        return mail.mailsTo(user);
    }

    /** Waits until the user has received {@code count} emails and returns them, oldest first. */
    private static List<Mail> awaitMails(TestUser user, int count) {
        return mail.awaitMails(user, count, realm.server());
    }

    private static Mail awaitMail(TestUser user, String subjectPrefix) {
        return mail.awaitMail(user, subjectPrefix, realm.server());
    }

    // --- set-up helpers

    record Setup(TestUser requester, String roleId, String roleName) {
    }

    private static Setup role(TestRealm target, Map<String, Object> policy) {
        int n = COUNTER.incrementAndGet();
        String roleName = "mailed-role-" + n;
        String roleId = target.createRealmRole(roleName);
        Map<String, Object> full = new HashMap<>(Map.of("requireOtp", false));
        full.putAll(policy);
        target.putPolicy(roleId, full);
        TestUser requester = target.createUser("requester-" + n);
        target.makeEligible(requester, roleId);
        return new Setup(requester, roleId, roleName);
    }

    private static Setup approvedBy(TestRealm target, TestUser... approvers) {
        return role(target, Map.of("requireApproval", true,
                "approvers", Map.of("users", java.util.Arrays.stream(approvers).map(TestUser::id).toList())));
    }

    private static TestUser user(TestRealm target, String prefix) {
        return target.createUser(prefix + "-" + COUNTER.incrementAndGet());
    }

    private static JsonNode activate(Setup s, String justification, String ticket, long durationSeconds, Long startsAt) {
        Map<String, Object> body = new HashMap<>(Map.of("roleId", s.roleId(), "justification", justification,
                "durationSeconds", durationSeconds));
        if (ticket != null) {
            body.put("ticket", ticket);
        }
        if (startsAt != null) {
            body.put("startsAt", startsAt);
        }
        Http.Response response = s.requester().post("/me/requests", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static String consoleLink(TestRealm target, String page) {
        return target.server().baseUrl() + "/realms/" + target.name() + "/account/pim/" + page;
    }

    // --- tests

    @Test
    void everyApproverIsEmailedWithTheRequestAndUserTextIsEscaped() {
        int n = COUNTER.incrementAndGet();
        TestUser carol = user(realm, "carol");
        String group = realm.createGroup("/mail-approvers-" + n);
        String subgroup = realm.createGroup("/mail-approvers-" + n + "/night");
        TestUser bob = user(realm, "bob");
        realm.joinGroup(bob, subgroup);
        String approverRole = realm.createRealmRole("mail-approver-role-" + n);
        RoleRepresentation approverRoleRep = realm.resource().roles().get("mail-approver-role-" + n).toRepresentation();
        realm.createRealmRole("mail-lead-" + n);
        realm.resource().roles().get("mail-lead-" + n).addComposites(List.of(approverRoleRep));
        TestUser dave = user(realm, "dave");
        realm.resource().users().get(dave.id()).roles().realmLevel()
                .add(List.of(realm.resource().roles().get("mail-lead-" + n).toRepresentation()));
        TestUser erin = user(realm, "erin");
        Setup s = role(realm, Map.of("requireApproval", true, "requireTicket", true,
                "approvers", Map.of("users", List.of(carol.id()), "groups", List.of(group), "roles", List.of(approverRole))));
        realm.joinGroup(s.requester(), group);
        String justification = "INC-9 <script>alert(\"x\")</script> & <b>now</b>";

        JsonNode request = activate(s, justification, "CHG-<42>", 3_600, null);

        for (TestUser approver : List.of(carol, bob, dave)) {
            Mail m = awaitMails(approver, 1).get(0);
            assertThat(m.subject()).isEqualTo("Approval needed: " + s.requester().username() + " requests " + s.roleName());
            assertThat(m.html()).contains(s.roleName()).contains(s.requester().username())
                    .contains("INC-9 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;now&lt;/b&gt;")
                    .doesNotContain("<script>").doesNotContain("<b>now</b>")
                    .contains("CHG-&lt;42&gt;").contains("1 h")
                    .contains("href=\"" + consoleLink(realm, "approvals") + "\"");
            assertThat(m.text()).contains("Role: " + s.roleName()).contains("Requested by: " + s.requester().username())
                    .contains("Justification: " + justification).contains("Ticket: CHG-<42>").contains("Duration: 1 h")
                    .contains(consoleLink(realm, "approvals")).doesNotContain("Starts:").doesNotContain("Requested start:");
        }
        sleep(1_500);
        assertThat(mailsTo(s.requester())).isEmpty();
        assertThat(mailsTo(erin)).isEmpty();
        assertThat(mailsTo(carol)).hasSize(1);
        assertThat(request.path("status").asText()).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void theRequesterLearnsOfTheApprovalOnceWithTheApproversReason() {
        TestUser carol = user(realm, "carol");
        Setup s = approvedBy(realm, carol);
        String id = activate(s, "INC-1 need it", null, 1_800, null).path("id").asText();
        awaitMails(carol, 1);

        JsonNode approved = decide(carol, id, "APPROVE", "ok <i>go</i>").json();

        assertThat(approved.path("status").asText()).isEqualTo("ACTIVE");
        Mail m = awaitMail(s.requester(), "Approved:");
        assertThat(m.subject()).isEqualTo("Approved: your request for " + s.roleName());
        assertThat(m.html()).contains(carol.username()).contains("ok &lt;i&gt;go&lt;/i&gt;").doesNotContain("<i>go</i>")
                .contains("30 min").contains("href=\"" + consoleLink(realm, "requests") + "\"");
        assertThat(m.text()).contains(carol.username() + " approved: ok <i>go</i>").contains("The role is yours from");
        sleep(1_500);
        assertThat(mailsTo(s.requester())).hasSize(1);
    }

    @Test
    void theRequesterLearnsOfADenial() {
        TestUser carol = user(realm, "carol");
        Setup s = approvedBy(realm, carol);
        String id = activate(s, "INC-2 need it", "CHG-7", 600, null).path("id").asText();

        assertThat(decide(carol, id, "DENY", "use the break-glass account & call me").json().path("status").asText()).isEqualTo("DENIED");

        Mail m = awaitMail(s.requester(), "Denied:");
        assertThat(m.subject()).isEqualTo("Denied: your request for " + s.roleName());
        assertThat(m.html()).contains("denied by " + carol.username()).contains("use the break-glass account &amp; call me")
                .contains("CHG-7");
        assertThat(m.text()).contains(carol.username() + " denied: use the break-glass account & call me");
    }

    @Test
    void anElevationStartingAndEndingIsEmailedToTheUser() {
        Setup s = role(realm, Map.of());
        String id = activate(s, "INC-3 quick fix", null, 600, null).path("id").asText();

        Mail started = awaitMail(s.requester(), "Elevation started:");
        assertThat(started.subject()).isEqualTo("Elevation started: " + s.roleName());
        assertThat(started.text()).contains("Justification: INC-3 quick fix").contains("Duration: 10 min")
                .contains(consoleLink(realm, "requests"));

        assertThat(s.requester().post("/me/requests/" + id + "/deactivate", Map.of()).json().path("status").asText())
                .isEqualTo("DEACTIVATED");

        Mail ended = awaitMail(s.requester(), "Elevation ended:");
        assertThat(ended.subject()).isEqualTo("Elevation ended: " + s.roleName());
        assertThat(ended.text()).contains("DEACTIVATED").contains("deactivated by the user");
    }

    @Test
    void theExpiryTaskEmailsTheEndOfAnAssignmentWithALink() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole("assigned-" + n);
        TestUser user = user(realm, "assignee");
        realm.pimAdmin("POST", "/assignments", Map.of("userId", user.id(), "roleId", roleId,
                "endsAt", System.currentTimeMillis() + 2_500, "justification", "release <night>"));

        Mail started = awaitMail(user, "Elevation started:");
        assertThat(started.text()).contains("Assigned to: " + user.username()).contains("Justification: release <night>");
        Mail ended = awaitMail(user, "Elevation ended:");

        assertThat(ended.text()).contains("EXPIRED").contains("the activation window ended").contains(consoleLink(realm, "requests"));
        assertThat(ended.html()).contains("release &lt;night&gt;");
    }

    @Test
    void aScheduledApprovalIsEmailedAndSoIsItsStart() {
        TestUser carol = user(realm, "carol");
        Setup s = approvedBy(realm, carol);
        long proposed = System.currentTimeMillis() + 3_000;
        String id = activate(s, "INC-5 maintenance window", null, 600, proposed).path("id").asText();
        assertThat(awaitMail(carol, "Approval needed:").text()).contains("Requested start: ").doesNotContain("Starts:");
        assertThat(decide(carol, id, "APPROVE", "planned").json().path("status").asText()).isEqualTo("SCHEDULED");

        Mail approved = awaitMail(s.requester(), "Approved:");
        assertThat(approved.text()).contains("The role will be yours from").contains("SCHEDULED");
        Mail started = awaitMail(s.requester(), "Elevation started:");
        assertThat(started.text()).contains(consoleLink(realm, "requests"));
    }

    @Test
    void aTimedOutRequestIsEmailedToTheRequester() throws Exception {
        Assumptions.assumeTrue(realm.server().database().isPostgres(), "moves the approval deadline in the database (PostgreSQL only)");
        TestUser carol = user(realm, "carol");
        Setup s = approvedBy(realm, carol);
        String id = activate(s, "INC-6 waiting", null, 600, null).path("id").asText();
        try (Connection connection = realm.server().database().connect();
             PreparedStatement update = connection.prepareStatement("UPDATE PIM_REQUEST SET APPROVAL_DEADLINE = ? WHERE ID = ?")) {
            update.setLong(1, System.currentTimeMillis() - 1_000);
            update.setString(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        Mail m = awaitMail(s.requester(), "Timed out:");

        assertThat(m.subject()).isEqualTo("Timed out: your request for " + s.roleName());
        assertThat(m.text()).contains("REQUEST_EXPIRED").contains("Justification: INC-6 waiting");
    }

    @Test
    void aFailingSmtpServerNeverBlocksOrUndoesADecision() {
        TestUser carol = user(brokenSmtp, "carol");
        Setup s = approvedBy(brokenSmtp, carol);
        String id = activate(s, "INC-8 smtp is down", null, 600, null).path("id").asText();

        long before = System.currentTimeMillis();
        Http.Response approved = decide(carol, id, "APPROVE", "fine");

        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(System.currentTimeMillis() - before).isLessThan(5_000);
        assertThat(approved.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(brokenSmtp.hasDirectRealmRole(s.requester(), s.roleName())).isTrue();
        List<String> failed = new ArrayList<>();
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (System.currentTimeMillis() < deadline && failed.size() < 2) {
            failed.clear();
            brokenSmtp.pimAdmin("GET", "/audit?userId=" + s.requester().id() + "&action=NOTIFICATION_FAILED", null)
                    .forEach(e -> failed.add(e.path("details").path("notification").asText() + ":" + e.path("details").path("recipient").asText()
                            + ":" + e.path("actor").path("username").asText() + ":" + e.path("requestId").asText()
                            + ":" + !e.path("details").path("error").asText().isBlank()));
            sleep(200);
        }
        assertThat(failed).containsExactlyInAnyOrder(
                "APPROVAL_REQUESTED:" + carol.username() + ":system:" + id + ":true",
                "APPROVED:" + s.requester().username() + ":system:" + id + ":true");
        assertThat(brokenSmtp.pimAdmin("GET", "/requests/" + id, null).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aRealmWhoseEmailThemeLacksThePimTemplatesGetsTheFailureAudited() {
        TestUser carol = user(withoutPimTheme, "carol");
        Setup s = approvedBy(withoutPimTheme, carol);
        String id = activate(s, "INC-10 wrong theme", null, 600, null).path("id").asText();

        long deadline = System.currentTimeMillis() + TIMEOUT;
        JsonNode failed = null;
        while (System.currentTimeMillis() < deadline) {
            failed = withoutPimTheme.pimAdmin("GET", "/audit?userId=" + s.requester().id() + "&action=NOTIFICATION_FAILED", null);
            if (!failed.isEmpty()) {
                break;
            }
            sleep(200);
        }
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("requestId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("details").path("error").asText()).contains("template");
        assertThat(mailsTo(carol)).isEmpty();
    }

    @Test
    void aRealmWithoutSmtpSendsNothingAndReportsNothing() {
        TestUser carol = user(withoutSmtp, "carol");
        Setup s = approvedBy(withoutSmtp, carol);
        String id = activate(s, "INC-11 no smtp", null, 600, null).path("id").asText();
        assertThat(decide(carol, id, "APPROVE", "fine").json().path("status").asText()).isEqualTo("ACTIVE");

        sleep(2_000);

        assertThat(withoutSmtp.pimAdmin("GET", "/audit?action=NOTIFICATION_FAILED", null)).isEmpty();
        assertThat(mailsTo(carol)).isEmpty();
        assertThat(mailsTo(s.requester())).isEmpty();
    }

}
