package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Approvals page as the HTTP contract describes its two endpoints. Until the approvals
 * backend (GET /approvals, POST /approvals/{id}) is in the server, this test answers exactly those
 * two calls in the browser with contract-shaped stub responses; every other call reaches the real
 * server. The end-to-end approval across two browser sessions waits for that backend.
 */
class ApprovalsPageIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @BeforeAll
    static void useThePimAccountTheme() {
        RealmRepresentation representation = realm.resource().toRepresentation();
        representation.setAccountTheme("pim");
        realm.resource().update(representation);
    }

    /**
     * Stubs GET /approvals (one pending request; X-PIM-Approver: true) and POST /approvals/{id}
     * (otp_required without a code, invalid_otp for any code but 424242, then 200).
     */
    private static final String STUB = """
            (() => {
              const state = { decided: false, posts: [] };
              window.__pimStub = state;
              const pending = {
                id: "3f2c9a7e-0d4b-4e0c-9d55-6a1e2b7c8d90",
                user: { id: "u-1", username: "bob" },
                role: { id: "r-1", name: "user-administrator", clientId: null, description: "Manages users" },
                eligibilityId: "e-1", kind: "ACTIVATION", status: "PENDING_APPROVAL",
                requestedAt: Date.now() - 120000, startsAt: Date.now() - 120000, endsAt: Date.now() + 3480000,
                durationSeconds: 3600, justification: "INC-815: unlock the service desk accounts",
                ticket: "CHG-4711", decisions: [], endedAt: null, endReason: null
              };
              const json = (status, body, headers = {}) => new Response(JSON.stringify(body),
                { status, headers: { "Content-Type": "application/json", ...headers } });
              const realFetch = window.fetch.bind(window);
              window.fetch = async (input, init = {}) => {
                const url = new URL(typeof input === "string" ? input : input.url, location.href);
                const method = (init.method || "GET").toUpperCase();
                if (url.pathname.endsWith("/pim/approvals") && method === "GET") {
                  return json(200, state.decided ? [] : [pending], { "X-PIM-Approver": "true" });
                }
                const decision = url.pathname.match(/\\/pim\\/approvals\\/([^/]+)$/);
                if (decision && method === "POST") {
                  const body = JSON.parse(init.body);
                  state.posts.push(body);
                  if (!body.otp) return json(400, { error: "otp_required", error_description: "a one-time code is required" });
                  if (body.otp !== "424242") return json(400, { error: "invalid_otp", error_description: "wrong code" });
                  state.decided = true;
                  return json(200, { ...pending, status: "ACTIVE",
                    decisions: [{ approver: { id: "me", username: "carol" }, decision: body.decision, reason: body.reason, at: Date.now() }] });
                }
                return realFetch(input, init);
              };
            })();
            """;

    @Test
    void anApproverSeesThePendingRequestAndApprovesItWithReasonAndCode() {
        TestUser approver = realm.createUser("carol", UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", STUB));

        browser.loginWithPasswordAndOtp(realm.url("/account/"), approver);
        WebElement link = browser.waitFor(By.cssSelector("[data-testid='pim/approvals']"));
        assertThat(link.getText()).contains("Approvals", "1");
        link.click();

        By row = By.cssSelector("[data-testid='pim-approval-3f2c9a7e-0d4b-4e0c-9d55-6a1e2b7c8d90']");
        assertThat(browser.waitFor(row).getText())
                .contains("bob", "user-administrator", "1 h", "INC-815: unlock the service desk accounts", "CHG-4711");
        browser.screenshot("12-approvals");

        browser.waitFor(row).findElement(By.cssSelector("[data-testid='pim-approve']")).click();
        browser.waitFor(By.cssSelector("[data-testid='pim-decision-dialog']"));
        assertThat(browser.isPresent(By.id("pim-decision-otp"))).isFalse();

        // A reason is always required; the code only when the server asks for it.
        browser.click(By.cssSelector("[data-testid='pim-decision-submit']"));
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-reason-help-error']")).getText())
                .isEqualTo("Enter the reason for your decision.");
        browser.type(By.id("pim-reason"), "Matches incident INC-815");
        browser.click(By.cssSelector("[data-testid='pim-decision-submit']"));
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-decision-otp-help-error']")).getText())
                .isEqualTo("Enter the one-time code from your authenticator app.");
        browser.type(By.id("pim-decision-otp"), "111111");
        browser.click(By.cssSelector("[data-testid='pim-decision-submit']"));
        browser.waitForText(By.cssSelector("[data-testid='pim-decision-otp-help-error']"), "wrong or was already used");
        browser.screenshot("13-approve-dialog-wrong-code");

        browser.type(By.id("pim-decision-otp"), "424242");
        browser.click(By.cssSelector("[data-testid='pim-decision-submit']"));
        browser.waitFor(By.cssSelector("[data-testid='pim-no-approvals']"));
        browser.waitForText(By.cssSelector(".pf-v5-c-alert-group"), "You approved user-administrator for bob.");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> posts = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver())
                .executeScript("return window.__pimStub.posts");
        assertThat(posts).hasSize(3);
        assertThat(posts.get(2)).containsEntry("decision", "APPROVE").containsEntry("reason", "Matches incident INC-815")
                .containsEntry("otp", "424242");
        // Still an approver (the server says so), so the page stays in the navigation.
        assertThat(browser.isPresent(By.cssSelector("[data-testid='pim/approvals']"))).isTrue();
    }
}
