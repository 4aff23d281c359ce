package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "ends soon" banner of the Privileged access pages: one per ACTIVE elevation ending within the
 * realm's elevationEndingReminderMinutes, with its end and an Extend action where extending is
 * allowed; it appears without a reload when the countdown enters the window, and its Extend on
 * another page leads to My roles with the Extend dialog open.
 */
class EndingSoonBannerIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private static final int REMINDER_MINUTES = 30;

    @BeforeAll
    static void remindThirtyMinutesBeforeTheEnd() {
        realm.pimAdmin("PUT", "/settings", Map.of("elevationEndingReminderMinutes", REMINDER_MINUTES));
    }

    /** Activates a fresh role for the user through the API; returns the elevation's end. */
    private static long activeRole(TestUser user, String roleName, int seconds, boolean allowExtension) {
        String roleId = realm.createRealmRole(roleName);
        realm.putPolicy(roleId, Map.of("requireOtp", false, "maxActivationSeconds", 3600, "allowExtension", allowExtension));
        realm.makeEligible(user, roleId);
        Map<String, Object> body = new HashMap<>(Map.of("roleId", roleId, "durationSeconds", seconds, "justification", "INC-11"));
        Http.Response response = user.post("/me/requests", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("endsAt").asLong();
    }

    private static By banner(String roleName) {
        return By.cssSelector("[data-testid='pim-ending-soon-" + roleName + "']");
    }

    @Test
    void elevationsEndingWithinTheReminderTimeShowABannerWithExtend() {
        TestUser user = realm.createUser("banner-user");
        assertThat(user.get("/me/settings").json().path("elevationEndingReminderMinutes").asInt()).isEqualTo(REMINDER_MINUTES);
        String soon = "soon-role";
        String fixed = "fixed-role";
        String later = "later-role";
        activeRole(user, soon, 600, true);
        activeRole(user, fixed, 900, false);
        // 20 seconds outside the window when activated: it enters while the page is open.
        long laterEnd = activeRole(user, later, REMINDER_MINUTES * 60 + 20, true);
        long windowStart = laterEnd - REMINDER_MINUTES * 60_000L;

        browser.loginWithPassword(realm.url("/account/pim/roles"), user);
        browser.waitForConsole();
        WebElement soonBanner = browser.waitFor(banner(soon));
        assertThat(soonBanner.getText()).contains(soon + " ends", "Time left: 0:", "Extend it now");
        assertThat(soonBanner.findElements(By.cssSelector("[data-testid='pim-ending-soon-extend']"))).hasSize(1);
        WebElement fixedBanner = browser.waitFor(banner(fixed));
        assertThat(fixedBanner.findElements(By.cssSelector("[data-testid='pim-ending-soon-extend']"))).as("allowExtension false: no Extend").isEmpty();
        assertThat(fixedBanner.getText()).doesNotContain("Extend");
        if (System.currentTimeMillis() < windowStart - 1000) {
            assertThat(browser.isPresent(banner(later))).as("more than 30 minutes left").isFalse();
        }

        // The countdown enters the window: the banner comes without a reload.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(45)).until(d -> !d.findElements(banner(later)).isEmpty());
        assertThat(System.currentTimeMillis()).as("not before the window").isGreaterThan(windowStart - 2000);
        assertThat(browser.all(By.cssSelector("[data-testid^='pim-ending-soon-'][data-testid$='-role']")))
                .extracting(e -> e.getAttribute("data-testid"))
                .containsExactly("pim-ending-soon-" + soon, "pim-ending-soon-" + fixed, "pim-ending-soon-" + later);
        browser.screenshot("account-ending-soon");

        // Extend in the banner opens the elevation's Extend dialog.
        browser.waitFor(banner(soon)).findElement(By.cssSelector("[data-testid='pim-ending-soon-extend']")).click();
        assertThat(browser.waitFor(By.cssSelector("[role='dialog']")).getText()).contains("Extend " + soon);
        browser.click(By.cssSelector("[data-testid='pim-extend-cancel']"));
        browser.waitUntilGone(By.cssSelector("[data-testid='pim-extend-dialog']"));

        // On Requests too; there Extend leads to My roles with the dialog open.
        browser.click(By.cssSelector("[data-testid='pim/requests']"));
        browser.waitFor(By.cssSelector("[data-testid='pim-requests-table']"));
        browser.waitFor(banner(soon)).findElement(By.cssSelector("[data-testid='pim-ending-soon-extend']")).click();
        browser.waitForUrlEnding("/account/pim/roles");
        assertThat(browser.waitFor(By.cssSelector("[role='dialog']")).getText()).contains("Extend " + soon);
        browser.type(By.id("pim-justification"), "INC-11: not done yet");
        browser.click(By.cssSelector("[data-testid='pim-extend-submit']"));
        browser.waitUntilGone(By.cssSelector("[data-testid='pim-extend-dialog']"));
        // Extended to an hour: outside the 30 minutes, so its banner goes.
        browser.waitUntilGone(banner(soon));
        assertThat(browser.isPresent(banner(fixed))).isTrue();
    }
}
