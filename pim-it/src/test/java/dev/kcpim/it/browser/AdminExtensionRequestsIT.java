package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.cell;
import static dev.kcpim.it.browser.AdminConsole.requestRow;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static dev.kcpim.it.support.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Requests of kind EXTENSION in the admin console: pending, marked as an extension of the elevation it
 * extends (with the duration asked for); once approved, "Extension applied" in the history and on the
 * user page's Privileged access tab.
 */
class AdminExtensionRequestsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private final AdminConsole console = new AdminConsole(realm, browser);

    @Test
    void anExtensionIsMarkedWithTheRequestItExtendsAndShownAsAppliedOnceApproved() {
        String roleId = realm.createRealmRole("vault-admin");
        TestUser user = realm.createUser("extends-user");
        TestUser approver = realm.createUser("extends-approver");
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        realm.makeEligible(user, roleId);
        Http.Response activation = user.post("/me/requests", body("roleId", roleId, "durationSeconds", 600, "justification", "INC-77 vault rotation"));
        assertThat(activation.status()).as(activation.toString()).isEqualTo(201);
        String elevationId = activation.json().path("id").asText();
        realm.putPolicy(roleId, Map.of("requireOtp", false, "requireApproval", true, "approvers", Map.of("users", List.of(approver.id()))));
        Http.Response asked = user.post("/me/requests/" + elevationId + "/extend", body("durationSeconds", 3600, "justification", "rotation takes longer"));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        String extensionId = asked.json().path("id").asText();

        console.signInAsMasterAdmin("pim/requests");
        console.waitForPage("Requests");
        WebElement pending = browser.waitFor(requestRow(user.username(), "vault-admin"));
        WebElement note = pending.findElement(By.cssSelector("[data-testid='pim-kind-extension']"));
        assertThat(note.getText()).isEqualTo("Extension (1 h) of request " + elevationId.substring(0, 8));
        assertThat(note.getAttribute("title")).isEqualTo(elevationId);
        assertThat(cell(pending, "Status")).isEqualTo("Pending approval");
        assertThat(cell(pending, "Justification")).isEqualTo("rotation takes longer");
        browser.screenshot("admin-requests-extension");

        Http.Response approved = approver.post("/approvals/" + extensionId, body("decision", "APPROVE", "reason", "ok"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("APPLIED");

        browser.click(testId("pim-tab-history"));
        new Select(browser.waitFor(testId("pim-status-filter"))).selectByVisibleText("Extension applied");
        WebElement applied = browser.waitFor(By.xpath("//*[@data-testid='pim-request-row'][.//*[@data-testid='pim-kind-extension']]"));
        assertThat(cell(applied, "Status")).startsWith("Extension applied").contains("request " + elevationId + " now ends at");
        assertThat(cell(applied, "Decisions")).isEqualTo("Approved by extends-approver: ok");
        browser.screenshot("admin-requests-extension-applied");

        browser.open(console.masterConsole("users/" + user.id() + "/privileged-access"));
        WebElement tabRow = browser.waitFor(By.xpath("//*[@data-testid='pim-user-elevation'][.//*[@data-testid='pim-kind-extension']]"));
        assertThat(tabRow.getText()).contains("Extension applied", "Extension (1 h) of request " + elevationId.substring(0, 8));
        assertThat(browser.waitFor(By.xpath("//*[@data-testid='pim-user-elevation'][not(.//*[@data-testid='pim-kind-extension'])]")).getText())
                .as("the elevation it extended runs on").contains("Active", "INC-77 vault rotation");
    }
}
