package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Jwt;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The "Privileged access" pages of the pim account theme in a real Chromium against a real
 * Keycloak: sign in with password and OTP, activate with a fresh one-time code, watch the
 * countdown, find the role in an application's token, deactivate; wrong codes and field errors;
 * users without an authenticator; the request history; the standard console pages.
 */
class PrivilegedAccessIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    /** A client created after PIM was set up, standing for any application of the realm. */
    static final String DEMO_APP = "pim-demo-app";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern CLOCK = Pattern.compile("^(\\d+):(\\d\\d):(\\d\\d)$");

    @BeforeAll
    static void useThePimAccountTheme() {
        RealmRepresentation representation = realm.resource().toRepresentation();
        representation.setAccountTheme("pim");
        realm.resource().update(representation);

        // Direct grant without the OTP step (the flow TestRealm made for its test client), so the
        // test can ask for tokens without spending one-time codes.
        String flowId = realm.resource().flows().getFlows().stream()
                .filter(flow -> flow.getAlias().equals("direct grant without otp")).findFirst().orElseThrow().getId();
        ClientRepresentation app = new ClientRepresentation();
        app.setClientId(DEMO_APP);
        app.setPublicClient(true);
        app.setDirectAccessGrantsEnabled(true);
        app.setStandardFlowEnabled(false);
        app.setFullScopeAllowed(true);
        app.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowId));
        try (Response response = realm.resource().clients().create(app)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
    }

    record Setup(TestUser user, String roleId, String roleName) {
    }

    /** A fresh user (with an authenticator unless withOtp is false), a fresh role with the policy, an eligibility. */
    private static Setup eligibleUser(String prefix, Map<String, Object> policy, boolean withOtp) {
        int n = COUNTER.incrementAndGet();
        String roleName = prefix + "-role-" + n;
        String roleId = realm.createRealmRole(roleName);
        if (policy != null) {
            realm.putPolicy(roleId, policy);
        }
        TestUser user = realm.createUser(prefix + "-user-" + n, withOtp ? secret() : null);
        realm.makeEligible(user, roleId);
        return new Setup(user, roleId, roleName);
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static String accountUrl() {
        return realm.url("/account/");
    }

    private void openMyRoles() {
        browser.click(By.cssSelector("[data-testid='pim/roles']"));
        browser.waitFor(By.cssSelector("[data-testid='pim-eligible-table']"));
    }

    private static By eligibleRow(String roleName) {
        return By.cssSelector("[data-testid='pim-eligible-" + roleName + "']");
    }

    private static By activeRow(String roleName) {
        return By.cssSelector("[data-testid='pim-active-" + roleName + "']");
    }

    private void openActivateDialog(String roleName) {
        browser.click(By.cssSelector("[data-testid='pim-eligible-" + roleName + "'] [data-testid='pim-activate']"));
        browser.waitFor(By.cssSelector("[data-testid='pim-activate-dialog']"));
    }

    private static String demoAppToken(TestUser user) {
        return realm.passwordGrant(DEMO_APP, user.username(), user.password()).path("access_token").asText();
    }

    private static long seconds(String clock) {
        Matcher m = CLOCK.matcher(clock.trim());
        assertThat(m.matches()).as("countdown %s", clock).isTrue();
        return Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
    }

    @Test
    void activateWithAFreshCodeSeeTheCountdownAndTheTokenThenDeactivate() throws InterruptedException {
        Setup s = eligibleUser("activate", null, true);

        browser.loginWithPasswordAndOtp(accountUrl(), s.user());
        openMyRoles();
        WebElement row = browser.waitFor(eligibleRow(s.roleName()));
        assertThat(row.getText()).contains("Directly eligible", "At most 8 h", "Justification", "One-time code")
                .doesNotContain("Approval");
        assertThat(browser.isPresent(By.cssSelector("[data-testid='pim-no-active']"))).isTrue();
        browser.screenshot("01-my-roles");

        openActivateDialog(s.roleName());
        Select duration = new Select(browser.waitFor(By.id("pim-duration")));
        assertThat(duration.getOptions()).extracting(WebElement::getText)
                .containsExactly("5 min", "15 min", "30 min", "1 h", "2 h", "4 h", "8 h");
        assertThat(duration.getFirstSelectedOption().getText()).isEqualTo("8 h");
        duration.selectByVisibleText("1 h");
        browser.type(By.id("pim-justification"), "INC-4711: unlock the payroll service account");
        browser.type(By.id("pim-otp"), browser.freshCode(s.user()));
        browser.screenshot("02-activate-dialog");
        browser.click(By.cssSelector("[data-testid='pim-activate-submit']"));

        By countdown = By.cssSelector("[data-testid='pim-active-" + s.roleName() + "'] [data-testid='pim-countdown']");
        String first = browser.waitFor(countdown).getText();
        assertThat(seconds(first)).isBetween(3500L, 3600L);
        Thread.sleep(2_200);
        String later = browser.waitFor(countdown).getText();
        assertThat(seconds(later)).as("the countdown runs: %s then %s", first, later).isLessThan(seconds(first));
        assertThat(browser.waitFor(activeRow(s.roleName())).getText()).contains("Deactivate");
        assertThat(browser.waitFor(eligibleRow(s.roleName())).getText()).contains("Active");
        browser.screenshot("03-active-with-countdown");

        // The elevation is an ordinary role mapping: an application's token carries it.
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isTrue();
        String token = demoAppToken(s.user());
        assertThat(Jwt.realmRoles(token)).contains(s.roleName());
        JsonNode request = s.user().get("/me/requests").json().get(0);
        assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(request.path("durationSeconds").asLong()).isEqualTo(3600);
        assertThat(request.path("justification").asText()).isEqualTo("INC-4711: unlock the payroll service account");
        List<String> elevated = new ArrayList<>();
        Jwt.claims(token).path("pim_elevations").forEach(e -> elevated.add(e.path("role").asText()));
        assertThat(elevated).contains(s.roleName());
        assertThat(Jwt.claims(token).path("exp").asLong() * 1000).isLessThanOrEqualTo(request.path("endsAt").asLong());

        browser.click(By.cssSelector("[data-testid='pim-active-" + s.roleName() + "'] [data-testid='pim-deactivate']"));
        browser.click(By.cssSelector("[data-testid='pim-confirm-deactivate']"));
        browser.waitFor(By.cssSelector("[data-testid='pim-no-active']"));
        browser.waitForText(eligibleRow(s.roleName()), "Not active");
        // One outcome at a time: "is deactivated." replaces "is active until ..." instead of stacking under it.
        browser.waitForText(By.cssSelector("[data-testid='pim-outcome']"), "is deactivated.");
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-outcome']")).getText()).doesNotContain("is active until");
        browser.screenshot("04-deactivated");

        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isFalse();
        assertThat(Jwt.realmRoles(demoAppToken(s.user()))).doesNotContain(s.roleName());
        assertThat(s.user().get("/me/requests").json().get(0).path("status").asText()).isEqualTo("DEACTIVATED");

        // Requests shows what was asked for and how long the role was actually held.
        browser.click(By.cssSelector("[data-testid='pim/requests']"));
        String requestId = s.user().get("/me/requests").json().get(0).path("id").asText();
        browser.waitForText(By.cssSelector("[data-testid='pim-request-" + requestId + "']"), "1 h requested, held ");
    }

    @Test
    void aWrongCodeShowsTheErrorOnTheCodeFieldAndActivatesNothing() {
        Setup s = eligibleUser("wrong-otp", null, true);

        browser.loginWithPasswordAndOtp(accountUrl(), s.user());
        openMyRoles();
        openActivateDialog(s.roleName());
        browser.type(By.id("pim-justification"), "INC-1: check the audit log");
        browser.type(By.id("pim-otp"), BrowserSession.wrongCode(s.user()));
        browser.click(By.cssSelector("[data-testid='pim-activate-submit']"));

        WebElement error = browser.waitFor(By.cssSelector("[data-testid='pim-otp-help-error']"));
        assertThat(error.getText()).contains("one-time code is wrong or was already used");
        WebElement otp = browser.waitFor(By.id("pim-otp"));
        assertThat(otp.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(otp.getAttribute("value")).isEmpty();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("pim-otp");
        browser.screenshot("05-wrong-code");

        assertThat(s.user().get("/me/requests").json()).isEmpty();
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isFalse();
        assertThat(Jwt.realmRoles(demoAppToken(s.user()))).doesNotContain(s.roleName());

        browser.click(By.cssSelector("[data-testid='pim-activate-cancel']"));
        browser.waitUntilGone(By.cssSelector("[data-testid='pim-activate-dialog']"));
        assertThat(browser.waitFor(eligibleRow(s.roleName())).getText()).contains("Not active");
        assertThat(browser.isPresent(By.cssSelector("[data-testid='pim-no-active']"))).isTrue();
    }

    @Test
    void fieldErrorsLandOnTheirFields() {
        Setup s = eligibleUser("fields", Map.of("maxActivationSeconds", 3600, "requireTicket", true,
                "justificationPattern", "INC-[0-9]+: .+", "justificationHint", "an incident number, then why"), true);

        browser.loginWithPasswordAndOtp(accountUrl(), s.user());
        openMyRoles();
        assertThat(browser.waitFor(eligibleRow(s.roleName())).getText()).contains("At most 1 h", "Ticket");
        openActivateDialog(s.roleName());
        assertThat(new Select(browser.waitFor(By.id("pim-duration"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("5 min", "15 min", "30 min", "1 h");
        assertThat(browser.waitFor(By.id("pim-justification-help")).getText())
                .contains("Required format: an incident number, then why.", "(Checked as the regular expression INC-[0-9]+: .+.)");

        // Nothing filled in: each required field says so.
        browser.click(By.cssSelector("[data-testid='pim-activate-submit']"));
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-justification-help-error']")).getText())
                .isEqualTo("A justification is required for this role.");
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-ticket-help-error']")).getText())
                .isEqualTo("A ticket number is required for this role.");
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-otp-help-error']")).getText())
                .isEqualTo("Enter the one-time code from your authenticator app.");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("pim-justification");

        // The server checks the fields before the code: a justification off the pattern is refused
        // as justification_invalid and the code is neither checked nor spent.
        browser.type(By.id("pim-justification"), "because I need it");
        browser.type(By.id("pim-ticket"), "CHG-1234");
        browser.type(By.id("pim-otp"), browser.freshCode(s.user()));
        browser.click(By.cssSelector("[data-testid='pim-activate-submit']"));
        browser.waitForText(By.cssSelector("[data-testid='pim-justification-help-error']"), "required format");
        assertThat(browser.isPresent(By.cssSelector("[data-testid='pim-ticket-help-error']"))).isFalse();
        assertThat(browser.isPresent(By.cssSelector("[data-testid='pim-otp-help-error']"))).isFalse();
        browser.screenshot("06-field-errors");
        assertThat(s.user().get("/me/requests").json()).isEmpty();
        JsonNode rejected = realm.pimAdmin("GET", "/audit?userId=" + s.user().id() + "&action=ACTIVATION_REJECTED", null);
        assertThat(rejected.get(0).path("details").path("error").asText()).isEqualTo("justification_invalid");
    }

    @Test
    void aUserWithoutAnAuthenticatorIsSentToSigningIn() {
        Setup s = eligibleUser("no-otp", null, false);

        browser.loginWithPassword(accountUrl(), s.user());
        browser.waitForConsole();
        openMyRoles();
        WebElement pageAlert = browser.waitFor(By.cssSelector("[data-testid='pim-otp-missing']"));
        assertThat(pageAlert.getText()).contains("no authenticator app set up");

        openActivateDialog(s.roleName());
        By dialog = By.cssSelector("[data-testid='pim-activate-dialog']");
        assertThat(browser.waitFor(dialog).findElement(By.cssSelector("[data-testid='pim-otp-missing']")).getText())
                .contains("requires a one-time code");
        assertThat(browser.isPresent(By.id("pim-otp"))).isFalse();
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-activate-submit']")).isEnabled()).isFalse();
        browser.screenshot("07-no-authenticator");

        browser.waitFor(dialog).findElement(By.cssSelector("[data-testid='pim-otp-setup-link']")).click();
        browser.waitForUrlEnding("/account/account-security/signing-in");
        browser.waitForText(By.tagName("h1"), "Signing in");
        assertThat(s.user().get("/me/requests").json()).isEmpty();
    }

    @Test
    void theRequestHistoryShowsAPendingRequestThatCanBeCancelled() throws InterruptedException {
        TestUser approver = realm.createUser("approver-" + COUNTER.incrementAndGet());
        Map<String, Object> policy = new HashMap<>();
        policy.put("requireApproval", true);
        policy.put("requireOtp", false);
        policy.put("requireTicket", true);
        policy.put("approvers", Map.of("users", List.of(approver.id())));
        Setup s = eligibleUser("approval", policy, true);

        browser.loginWithPasswordAndOtp(accountUrl(), s.user());
        openMyRoles();
        assertThat(browser.waitFor(eligibleRow(s.roleName())).getText()).contains("Approval", "Request");
        openActivateDialog(s.roleName());
        assertThat(browser.isPresent(By.id("pim-otp"))).isFalse();
        browser.type(By.id("pim-justification"), "Quarterly access review of the billing realm");
        browser.type(By.id("pim-ticket"), "CHG-2001");
        browser.click(By.cssSelector("[data-testid='pim-activate-submit']"));
        browser.waitForText(eligibleRow(s.roleName()), "Pending approval");
        assertThat(realm.hasDirectRealmRole(s.user(), s.roleName())).isFalse();

        browser.click(By.cssSelector("[data-testid='pim/requests']"));
        String requestId = s.user().get("/me/requests").json().get(0).path("id").asText();
        By row = By.cssSelector("[data-testid='pim-request-" + requestId + "']");
        assertThat(browser.waitFor(row).getText()).contains(s.roleName(), "Pending approval", "Not started");
        browser.waitFor(row).findElement(By.cssSelector("button[aria-expanded]")).click();
        browser.waitForText(row, "Quarterly access review of the billing realm");
        assertThat(browser.waitFor(row).getText()).contains("CHG-2001", "No decisions");
        Thread.sleep(500); // the expand toggle's rotation
        browser.screenshot("08-requests-pending");

        browser.waitFor(row).findElement(By.cssSelector("[data-testid='pim-cancel']")).click();
        browser.click(By.cssSelector("[data-testid='pim-confirm-cancel']"));
        browser.waitForText(row, "Cancelled");
        assertThat(browser.waitFor(row).getText()).contains("cancelled by the user");
        assertThat(browser.waitFor(row).findElements(By.cssSelector("[data-testid='pim-cancel']"))).isEmpty();
        browser.screenshot("09-requests-cancelled");
        assertThat(s.user().get("/me/requests").json().get(0).path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void theStandardPagesStillWorkAndApprovalsStayHiddenFromNonApprovers() {
        Setup s = eligibleUser("standard", null, true);

        browser.loginWithPasswordAndOtp(accountUrl(), s.user());
        browser.waitForText(By.tagName("h1"), "Personal info");
        assertThat(browser.waitFor(By.id("email")).getAttribute("value")).isEqualTo(s.user().username() + "@example.test");
        browser.screenshot("10-personal-info");

        String base = realm.url("/account/");
        Map<String, String> pages = Map.of(
                "account-security/signing-in", "Signing in",
                "account-security/device-activity", "Device activity",
                "applications", "Application",
                "pim/requests", "Requests",
                "pim/roles", "My roles");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            browser.open(base + page.getKey());
            browser.waitForText(By.tagName("h1"), page.getValue());
        }
        browser.open(base + "account-security/signing-in");
        browser.waitForText(By.tagName("main"), "test authenticator");

        // The navigation: Keycloak's own items plus the Privileged access group; no Approvals for
        // a user who approves nothing.
        WebElement nav = browser.waitFor(By.cssSelector("nav.pf-v5-c-nav"));
        assertThat(nav.getText()).contains("Personal info", "Account security", "Privileged access", "My roles",
                "Requests", "Applications");
        assertThat(browser.isPresent(By.cssSelector("[data-testid='pim/approvals']"))).isFalse();
        Http.Response approvals = s.user().get("/approvals");
        assertThat(approvals.status()).isIn(200, 404);
        if (approvals.status() == 200) {
            assertThat(approvals.json()).isEmpty();
        }
    }
}
