package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Privileged access pages speak German to a user whose locale is German. */
class PrivilegedAccessGermanIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession("de-DE");

    @BeforeAll
    static void germanAndEnglishWithThePimTheme() {
        RealmRepresentation representation = realm.resource().toRepresentation();
        representation.setAccountTheme("pim");
        representation.setInternationalizationEnabled(true);
        representation.setSupportedLocales(Set.of("en", "de"));
        representation.setDefaultLocale("en");
        realm.resource().update(representation);
    }

    @Test
    void navigationPageAndDialogAreGerman() {
        String roleId = realm.createRealmRole("rechnungs-admin");
        realm.putPolicy(roleId, Map.of("maxActivationSeconds", 7200, "requireTicket", true));
        TestUser user = realm.createUser("greta", UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        UserRepresentation representation = realm.resource().users().get(user.id()).toRepresentation();
        representation.singleAttribute("locale", "de");
        realm.resource().users().get(user.id()).update(representation);
        realm.makeEligible(user, roleId);

        browser.loginWithPasswordAndOtp(realm.url("/account/"), user);
        WebElement nav = browser.waitFor(By.cssSelector("nav.pf-v5-c-nav"));
        assertThat(nav.getText()).contains("Persönliche Angaben", "Privilegierter Zugriff", "Meine Rollen", "Anfragen");

        browser.click(By.cssSelector("[data-testid='pim/roles']"));
        browser.waitForText(By.tagName("h1"), "Meine Rollen");
        WebElement row = browser.waitFor(By.cssSelector("[data-testid='pim-eligible-rechnungs-admin']"));
        assertThat(row.getText()).contains("Direkt berechtigt", "Höchstens 2 Std.", "Begründung", "Ticket", "Einmalcode",
                "Nicht aktiv", "Aktivieren");
        assertThat(browser.waitFor(By.tagName("main")).getText()).contains("Aktive Rollen", "Berechtigte Rollen");

        browser.click(By.cssSelector("[data-testid='pim-eligible-rechnungs-admin'] [data-testid='pim-activate']"));
        browser.click(By.cssSelector("[data-testid='pim-activate-submit']"));
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-ticket-help-error']")).getText())
                .isEqualTo("Für diese Rolle ist eine Ticketnummer nötig.");
        WebElement dialog = browser.waitFor(By.cssSelector(".pf-v5-c-modal-box"));
        assertThat(dialog.getText()).contains("rechnungs-admin aktivieren", "Dauer", "Begründung", "Einmalcode", "Abbrechen");
        assertThat(browser.all(By.cssSelector("#pim-duration option")).stream().map(WebElement::getText).toList())
                .isEqualTo(List.of("5 Min.", "15 Min.", "30 Min.", "1 Std.", "2 Std."));
        browser.screenshot("11-german-activate-dialog");
    }
}
