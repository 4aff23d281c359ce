package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Approvals;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Extend where the role's policy requires approval, in two browser sessions: the user asks for the
 * extension in My roles (the dialog says an approver decides and the role runs on meanwhile), the row
 * then shows the waiting extension instead of a second Extend and Requests lists it as an EXTENSION;
 * the approver reads it on the Approvals page as an extension of the running elevation and approves
 * it; the user's row then shows the later end and Requests the extension as applied.
 */
class ExtendWithApprovalIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession userBrowser = new BrowserSession();

    @RegisterExtension
    final BrowserSession approverBrowser = new BrowserSession();

    private static By inRow(String roleName, String testId) {
        return By.cssSelector("[data-testid='pim-active-" + roleName + "'] [data-testid='" + testId + "']");
    }

    private static long shownEnd(BrowserSession browser, String roleName) {
        return Long.parseLong(browser.waitFor(inRow(roleName, "pim-countdown")).getAttribute("data-ends-at"));
    }

    @Test
    void anExtensionWaitsForTheApproverAndThenMovesTheEndLater() {
        String roleName = "deploy-operator";
        String roleId = realm.createRealmRole(roleName);
        TestUser user = realm.createUser("ext-requester");
        TestUser approver = realm.createUser("ext-approver");
        realm.putPolicy(roleId, Map.of("requireOtp", false, "maxActivationSeconds", 3600, "requireApproval", true,
                "approvers", Map.of("users", List.of(approver.id()))));
        realm.makeEligible(user, roleId);

        // The activation itself needs approval too: asked and approved through the API.
        Http.Response asked = user.post("/me/requests", Map.of("roleId", roleId, "durationSeconds", 900, "justification", "INC-9: deploy"));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        String elevationId = asked.json().path("id").asText();
        Http.Response approved = Approvals.decide(approver, elevationId, "APPROVE", "deploy window");
        assertThat(approved.json().path("status").asText()).as(approved.toString()).isEqualTo("ACTIVE");
        long endBefore = approved.json().path("endsAt").asLong();

        // The user asks for the extension.
        userBrowser.loginWithPassword(realm.url("/account/pim/roles"), user);
        userBrowser.waitForConsole();
        assertThat(shownEnd(userBrowser, roleName)).isEqualTo(endBefore);
        userBrowser.click(inRow(roleName, "pim-extend"));
        By dialog = By.cssSelector("[data-testid='pim-extend-dialog']");
        assertThat(userBrowser.waitFor(By.cssSelector("[data-testid='pim-extend-approval-notice']")).getText())
                .contains("An approver must approve this extension", "stays active until");
        assertThat(userBrowser.waitFor(By.id("pim-duration-help")).getText()).contains("1 h from the approval");
        assertThat(userBrowser.waitFor(By.cssSelector("[data-testid='pim-extend-submit']")).getText()).isEqualTo("Send request");
        userBrowser.type(By.id("pim-justification"), "INC-9: the rollout needs another hour");
        userBrowser.screenshot("account-extend-approval-dialog");
        userBrowser.click(By.cssSelector("[data-testid='pim-extend-submit']"));
        userBrowser.waitUntilGone(dialog);
        userBrowser.waitForText(By.cssSelector("[data-testid='pim-outcome']"), "Your extension of " + roleName + " was sent to the approvers");

        // Waiting: no second Extend, the end unchanged.
        assertThat(userBrowser.waitFor(inRow(roleName, "pim-extension-pending")).getText()).isEqualTo("Extension pending");
        // The eligible role itself is still active (the waiting extension is no new activation).
        assertThat(userBrowser.waitFor(By.cssSelector("[data-testid='pim-eligible-" + roleName + "'] [data-testid='pim-status']"))
                .getAttribute("data-status")).isEqualTo("ACTIVE");
        assertThat(userBrowser.isPresent(inRow(roleName, "pim-extend"))).isFalse();
        assertThat(shownEnd(userBrowser, roleName)).isEqualTo(endBefore);
        userBrowser.screenshot("account-extension-pending");

        JsonNode pending = user.get("/me/requests?status=PENDING_APPROVAL").json();
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).path("kind").asText()).isEqualTo("EXTENSION");
        assertThat(pending.get(0).path("extends").asText()).isEqualTo(elevationId);
        String extensionId = pending.get(0).path("id").asText();

        // Requests: the extension, which elevation it extends, cancellable.
        userBrowser.click(inRow(roleName, "pim-extension-pending"));
        By extensionRow = By.cssSelector("[data-testid='pim-request-" + extensionId + "']");
        userBrowser.waitForText(extensionRow, "Extends the activation");
        assertThat(userBrowser.waitFor(extensionRow).getText()).contains(roleName, "Extension", "Pending approval", "1 h");
        assertThat(userBrowser.isPresent(By.cssSelector("[data-testid='pim-request-" + extensionId + "'] [data-testid='pim-cancel']"))).isTrue();

        // The approver reads it as an extension of the running elevation and approves it.
        approverBrowser.loginWithPassword(realm.url("/account/pim/approvals"), approver);
        approverBrowser.waitForConsole();
        By approvalRow = By.cssSelector("[data-testid='pim-approval-" + extensionId + "']");
        assertThat(approverBrowser.waitFor(approvalRow).getText())
                .contains("Extension", "Extend ext-requester's elevation of " + roleName + " by 1 h", "it ends ", "INC-9: the rollout needs another hour");
        approverBrowser.waitFor(approvalRow).findElement(By.cssSelector("[data-testid='pim-approve']")).click();
        assertThat(approverBrowser.waitFor(By.cssSelector("[role='dialog']")).getText())
                .contains("Approve the extension of " + roleName + " for ext-requester", "from your approval");
        approverBrowser.type(By.id("pim-reason"), "rollout still running");
        approverBrowser.screenshot("account-approve-extension");
        approverBrowser.click(By.cssSelector("[data-testid='pim-decision-submit']"));
        approverBrowser.waitFor(By.cssSelector("[data-testid='pim-no-approvals']"));
        approverBrowser.waitForText(By.cssSelector(".pf-v5-c-alert-group"), "You approved the extension of " + roleName + " for ext-requester.");

        JsonNode applied = user.get("/me/requests/" + extensionId).json();
        assertThat(applied.path("status").asText()).isEqualTo("APPLIED");
        long endAfter = user.get("/me/requests/" + elevationId).json().path("endsAt").asLong();
        assertThat(endAfter).isGreaterThan(endBefore + 2_000_000);

        // The user's pages after a reload: the later end, Extend offered again, the extension applied.
        userBrowser.driver().navigate().refresh();
        userBrowser.waitForText(extensionRow, "Applied");
        userBrowser.open(realm.url("/account/pim/roles"));
        userBrowser.waitFor(inRow(roleName, "pim-extend"));
        assertThat(shownEnd(userBrowser, roleName)).isEqualTo(endAfter);
        assertThat(userBrowser.isPresent(inRow(roleName, "pim-extension-pending"))).isFalse();
    }
}
