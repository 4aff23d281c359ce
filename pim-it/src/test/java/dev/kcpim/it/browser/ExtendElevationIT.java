package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Extend on an active elevation in the account console's My roles: the dialog follows the
 * activation's rules (duration bounded by the policy, only durations ending after the current end,
 * justification and ticket as required), the row shows the later end; no Extend where the policy
 * does not allow it, nor on an admin's assignment (extending with approval: ExtendWithApprovalIT).
 */
class ExtendElevationIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern CLOCK = Pattern.compile("^(\\d+):(\\d\\d):(\\d\\d)$");

    /** A fresh role with the policy (no OTP, so the test activates through the API without spending codes), a user eligible for it. */
    private static String eligibleRole(TestUser user, String prefix, Map<String, Object> policy) {
        String roleName = prefix + "-role-" + COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole(roleName);
        Map<String, Object> body = new HashMap<>(policy);
        body.put("requireOtp", false);
        realm.putPolicy(roleId, body);
        realm.makeEligible(user, roleId);
        return roleName;
    }

    private static JsonNode activate(TestUser user, String roleName, int seconds) {
        String roleId = realm.resource().roles().get(roleName).toRepresentation().getId();
        Map<String, Object> body = new HashMap<>(Map.of("roleId", roleId, "durationSeconds", seconds, "justification", "INC-7: first look"));
        body.put("ticket", "CHG-1");
        Http.Response response = user.post("/me/requests", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("status").asText()).isEqualTo("ACTIVE");
        return response.json();
    }

    private static By activeRow(String roleName) {
        return By.cssSelector("[data-testid='pim-active-" + roleName + "']");
    }

    private static By inRow(String roleName, String testId) {
        return By.cssSelector("[data-testid='pim-active-" + roleName + "'] [data-testid='" + testId + "']");
    }

    private static long seconds(String clock) {
        Matcher m = CLOCK.matcher(clock.trim());
        assertThat(m.matches()).as("countdown %s", clock).isTrue();
        return Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
    }

    @Test
    void extendingWithoutApprovalMovesTheShownEndLater() {
        TestUser user = realm.createUser("extend-user-" + COUNTER.incrementAndGet());
        String roleName = eligibleRole(user, "extend", Map.of("maxActivationSeconds", 3600, "requireTicket", true));
        JsonNode activation = activate(user, roleName, 900);
        long endBefore = activation.path("endsAt").asLong();

        browser.loginWithPassword(realm.url("/account/pim/roles"), user);
        browser.waitForConsole();
        WebElement row = browser.waitFor(activeRow(roleName));
        String endsBefore = row.findElement(By.cssSelector("td[data-label='Ends']")).getText();
        assertThat(seconds(browser.waitFor(inRow(roleName, "pim-countdown")).getText())).isBetween(800L, 900L);

        browser.click(inRow(roleName, "pim-extend"));
        By dialog = By.cssSelector("[data-testid='pim-extend-dialog']");
        assertThat(browser.waitFor(By.cssSelector("[role='dialog']")).getText()).contains("Extend " + roleName);
        assertThat(browser.waitFor(dialog).getText()).contains("The new duration counts from now.", "At most 1 h", "Ticket");
        // Just under 15 minutes are left: only durations that end later than that are offered (5 min is not), the policy's 1 h the longest.
        Select duration = new Select(browser.waitFor(By.id("pim-duration")));
        assertThat(duration.getOptions()).extracting(WebElement::getText).containsExactly("15 min", "30 min", "1 h");
        assertThat(duration.getFirstSelectedOption().getText()).isEqualTo("1 h");
        assertThat(browser.waitFor(By.id("pim-duration-help")).getText()).contains("at most 1 h from now");
        assertThat(browser.isPresent(By.id("pim-otp"))).as("the policy asks for no code").isFalse();
        browser.screenshot("account-extend-dialog");

        // The activation's rules: justification and ticket are required before anything is sent.
        browser.click(By.cssSelector("[data-testid='pim-extend-submit']"));
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-justification-help-error']")).getText())
                .isEqualTo("A justification is required for this role.");
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-ticket-help-error']")).getText())
                .isEqualTo("A ticket number is required for this role.");
        browser.type(By.id("pim-justification"), "INC-7: the migration takes longer");
        browser.type(By.id("pim-ticket"), "CHG-2");
        browser.click(By.cssSelector("[data-testid='pim-extend-submit']"));

        browser.waitUntilGone(dialog);
        browser.waitForText(By.cssSelector("[data-testid='pim-outcome']"), roleName + " is now active until");
        browser.waitUntil(d -> Long.parseLong(d.findElement(inRow(roleName, "pim-countdown")).getAttribute("data-ends-at")) > endBefore);
        // (the browser's clock and the server's may differ by a second)
        assertThat(seconds(browser.waitFor(inRow(roleName, "pim-countdown")).getText())).isBetween(3500L, 3610L);
        assertThat(browser.waitFor(activeRow(roleName)).findElement(By.cssSelector("td[data-label='Ends']")).getText())
                .isNotEqualTo(endsBefore);
        browser.screenshot("account-extended");

        JsonNode request = user.get("/me/requests/" + activation.path("id").asText()).json();
        assertThat(request.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(request.path("endsAt").asLong()).isGreaterThan(endBefore + 2_000_000);
        JsonNode extended = realm.pimAdmin("GET", "/audit?userId=" + user.id() + "&action=EXTENDED", null);
        assertThat(extended).hasSize(1);
        assertThat(extended.get(0).path("details").path("ticket").asText()).isEqualTo("CHG-2");
        assertThat(realm.hasDirectRealmRole(user, roleName)).isTrue();
    }

    @Test
    void noExtendWhereThePolicyDoesNotAllowItNorOnAnAssignment() {
        TestUser user = realm.createUser("no-extend-user-" + COUNTER.incrementAndGet());
        String fixed = eligibleRole(user, "fixed", Map.of("allowExtension", false));
        String extendable = eligibleRole(user, "extendable", Map.of());
        String approved = eligibleRole(user, "approved", Map.of());
        activate(user, fixed, 900);
        activate(user, extendable, 900);
        activate(user, approved, 900);
        // Approval required after the activation: Extend is offered, the extension then waits for the approver.
        String approvedId = realm.resource().roles().get(approved).toRepresentation().getId();
        TestUser approver = realm.createUser("no-extend-approver-" + COUNTER.incrementAndGet());
        realm.putPolicy(approvedId, Map.of("requireOtp", false, "requireApproval", true,
                "approvers", Map.of("users", List.of(approver.id()))));
        // An admin's assignment keeps the end the admin chose.
        String assigned = "assigned-role-" + COUNTER.incrementAndGet();
        String assignedId = realm.createRealmRole(assigned);
        JsonNode assignment = realm.pimAdmin("POST", "/assignments", Map.of("userId", user.id(), "roleId", assignedId,
                "endsAt", System.currentTimeMillis() + 3_600_000L, "justification", "release night"));

        browser.loginWithPassword(realm.url("/account/pim/roles"), user);
        browser.waitForConsole();
        browser.waitFor(activeRow(fixed));
        assertThat(browser.waitFor(inRow(extendable, "pim-extend")).getText()).isEqualTo("Extend");
        assertThat(browser.isPresent(inRow(fixed, "pim-extend"))).as("allowExtension false").isFalse();
        assertThat(browser.isPresent(inRow(approved, "pim-extend"))).as("approval required: offered").isTrue();
        browser.waitFor(activeRow(assigned));
        assertThat(browser.isPresent(inRow(assigned, "pim-extend"))).as("an admin's assignment").isFalse();
        assertThat(browser.isPresent(inRow(fixed, "pim-deactivate"))).isTrue();
        browser.screenshot("account-extend-offered");

        // What the hidden buttons would have met.
        String fixedRequest = null;
        for (JsonNode r : user.get("/me/requests?status=ACTIVE").json()) {
            if (r.path("role").path("name").asText().equals(fixed)) {
                fixedRequest = r.path("id").asText();
            }
        }
        Http.Response refused = user.post("/me/requests/" + fixedRequest + "/extend", Map.of("durationSeconds", 3600, "justification", "more"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("forbidden");
        Http.Response assignmentRefused = user.post("/me/requests/" + assignment.path("id").asText() + "/extend",
                Map.of("durationSeconds", 3600, "justification", "more"));
        assertThat(assignmentRefused.status()).as(assignmentRefused.toString()).isEqualTo(403);
    }
}
