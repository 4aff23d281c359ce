package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.cell;
import static dev.kcpim.it.browser.AdminConsole.requestRow;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static dev.kcpim.it.browser.AdminConsole.userRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Privileged access pages of the pim admin console speak German to an admin whose browser asks
 * for German (the realm offers en and de): the navigation group, each page's title, tabs, columns,
 * labels, dates and durations. The texts are those of messages_de.properties.
 */
class AdminConsoleGermanIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession("de-DE");

    private final AdminConsole console = new AdminConsole(realm, browser);

    @Test
    void everyPrivilegedAccessPageIsGerman() {
        RealmRepresentation representation = realm.resource().toRepresentation();
        representation.setAdminTheme("pim");
        representation.setInternationalizationEnabled(true);
        representation.setSupportedLocales(Set.of("en", "de"));
        representation.setDefaultLocale("en");
        realm.resource().update(representation);
        String roleName = "lohn-admin";
        String roleId = realm.createRealmRole(roleName);
        TestUser approver = realm.createUser("genehmiger");
        realm.putPolicy(roleId, Map.of("maxActivationSeconds", 7200, "requireOtp", false, "requireApproval", true,
                "approvers", Map.of("users", List.of(approver.id()))));
        TestUser eligible = realm.createUser("berechtigte");
        realm.makeEligible(eligible, roleId);
        Http.Response pending = eligible.post("/me/requests", Map.of("roleId", roleId, "justification", "INC-4 Lohnlauf", "durationSeconds", 3600));
        assertThat(pending.status()).as(pending.toString()).isEqualTo(201);
        TestUser assigned = realm.createUser("zugewiesene");
        JsonNode assignment = realm.pimAdmin("POST", "/assignments", Map.of("userId", assigned.id(), "roleId", roleId,
                "endsAt", ServerClock.nowMillis() + 3_600_000, "justification", "Monatsabschluss"));
        TestUser admin = realm.createUser("realm-verwalterin");
        AdminConsole.grantRealmManagement(realm, admin, "realm-admin");

        console.signInToRealmConsole(admin, "pim/assignments");
        console.waitForPage("Zuweisungen");
        WebElement nav = browser.waitFor(testId("pim-nav"));
        assertThat(nav.getText()).contains("Privilegierter Zugriff", "Zuweisungen", "Rolleneinstellungen", "Anfragen", "Protokoll");
        WebElement main = browser.waitFor(By.tagName("main"));
        assertThat(main.getText()).contains("Berechtigte Zuweisungen", "Aktive Zuweisungen", "Abgelaufene Zuweisungen",
                "Zuweisungen hinzufügen", "Exportieren", "Benutzername", "Typ", "Über", "Beginn", "Ende", "Erstellt von");
        WebElement row = browser.waitFor(userRow(eligible.username()));
        assertThat(cell(row, "Typ")).isEqualTo("Benutzer");
        assertThat(cell(row, "Über")).isEqualTo("Direkt");
        assertThat(cell(row, "Ende")).isEqualTo("Dauerhaft");
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-search'] input")).getAttribute("placeholder"))
                .isEqualTo("Nach Name oder Benutzername suchen");
        browser.screenshot("admin-de-01-assignments");

        browser.click(testId("pim-tab-active"));
        WebElement active = browser.waitFor(userRow(assigned.username()));
        assertThat(cell(active, "Über")).isEqualTo("Direkt (aktive Zuweisung)");
        assertThat(cell(active, "Ende")).isEqualTo(console.formatTime(assignment.path("endsAt").asLong(), "de") + " Aktiv");
        browser.screenshot("admin-de-02-active-assignments");

        browser.click(testId("pim-add-assignments"));
        console.waitForPage("Zuweisungen hinzufügen");
        assertThat(browser.waitFor(testId("pim-wizard")).getText()).contains("Rolle", "Mitglieder", "Einstellungen");
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-role-picker-search'] input")).getAttribute("placeholder"))
                .isEqualTo("Realm- und Client-Rollen suchen");
        browser.type(By.cssSelector("[data-testid='pim-role-picker-search'] input"), roleName);
        browser.click(testId("pim-role-option-" + roleName));
        browser.waitForText(testId("pim-picked-role"), "Gewählte Rolle: " + roleName);
        browser.screenshot("admin-de-03-add-assignments");

        browser.click(testId("nav-item-pim-roles"));
        console.waitForPage("Rolleneinstellungen");
        WebElement policyRow = browser.waitFor(By.xpath("//*[@data-testid='pim-policy-row'][.//*[text()='" + roleName + "']]"));
        assertThat(cell(policyRow, "Längste Aktivierung")).isEqualTo("2 Std.");
        assertThat(cell(policyRow, "Aktivierung verlangt")).contains("Begründung", "Genehmigung");
        assertThat(cell(policyRow, "Berechtigung")).isEqualTo("Dauerhaft erlaubt");
        assertThat(browser.waitFor(testId("pim-configure-role")).getText()).isEqualTo("Rolle einstellen");
        browser.screenshot("admin-de-04-role-settings");

        browser.click(By.xpath("//*[@data-testid='pim-policy-row'][.//*[text()='" + roleName + "']]//a"));
        console.waitForPage("Einstellungen von " + roleName);
        assertThat(browser.waitFor(testId("pim-policy-form")).getText()).contains("Längste Aktivierung (Sekunden)",
                "Einmalcode (OTP) bei der Aktivierung", "Muster der Begründung", "Genehmigende Benutzer", "Nötige Genehmigungen",
                "Frist für die Genehmigung (Sekunden)", "Dauerhafte Berechtigung erlaubt", "Zurück zu den Rolleneinstellungen");
        browser.screenshot("admin-de-05-policy-editor");

        browser.click(testId("nav-item-pim-requests"));
        console.waitForPage("Anfragen");
        assertThat(browser.waitFor(By.tagName("main")).getText()).contains("Offene Genehmigungen", "Verlauf", "Antragsteller", "Frist");
        WebElement request = browser.waitFor(requestRow(eligible.username(), roleName));
        assertThat(cell(request, "Status")).isEqualTo("Wartet auf Genehmigung");
        assertThat(cell(request, "Entscheidungen")).contains("0 von 1 Genehmigungen");
        browser.screenshot("admin-de-06-requests");

        browser.click(testId("nav-item-pim-audit"));
        console.waitForPage("Protokoll");
        browser.waitFor(testId("pim-audit-row"));
        assertThat(browser.waitFor(testId("pim-audit")).getText()).contains("Zeit", "Ausgeführt von", "Aktion", "Benutzername", "Details");
        assertThat(browser.waitFor(testId("pim-audit-export")).getText()).isEqualTo("Exportieren");
        assertThat(browser.waitFor(testId("pim-audit-from")).getAttribute("aria-label")).isEqualTo("Von");
        assertThat(browser.waitFor(testId("pim-audit-to")).getAttribute("aria-label")).isEqualTo("Bis");
        browser.screenshot("admin-de-07-audit");
    }
}
