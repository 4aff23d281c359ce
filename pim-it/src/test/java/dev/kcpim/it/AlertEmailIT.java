package dev.kcpim.it;

import static dev.kcpim.it.support.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Mailbox;
import dev.kcpim.it.support.Mailbox.Mail;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * A new STANDING_ACCESS item emails the realm's admins (holders of realm-management/manage-realm, here through
 * realm-admin) once, through the realm's SMTP server and the {@code pim} email theme; other admins and users get
 * nothing, and an item that went away and comes back is news again.
 */
class AlertEmailIT {

    @RegisterExtension
    @Order(1)
    static final TestRealm realm = new TestRealm();
    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);
    @RegisterExtension
    @Order(2)
    static final Mailbox mail = new Mailbox().sendingFrom(realm);

    @Test
    void aNewStandingGrantIsEmailedToTheRealmsAdminsOnce() {
        TestUser realmAdmin = admins.realmAdmin();
        TestUser viewer = admins.viewer();
        String roleId = realm.createRealmRole("emailed-role");
        realm.putPolicy(roleId, body("maxActivationSeconds", 3600));
        TestUser holder = realm.createUser("standing-holder");
        RoleRepresentation role = realm.resource().roles().get("emailed-role").toRepresentation();
        realm.resource().users().get(holder.id()).roles().realmLevel().add(List.of(role));

        assertThat(pim.get(admins.admin(), "/alerts").status()).isEqualTo(200);
        Mail alert = about(realmAdmin, "standing-holder", 1).get(0);
        assertThat(alert.subject()).isEqualTo("PIM alert: roles held outside PIM (1 new)");
        assertThat(alert.text()).contains("standing-holder: emailed-role (direct role mapping)")
                .contains("/admin/" + realm.name() + "/console/#/" + realm.name() + "/pim/alerts");
        assertThat(alert.html()).contains("standing-holder").contains("emailed-role");

        assertThat(pim.get(admins.admin(), "/alerts").status()).isEqualTo(200);
        assertThat(clock.runAlertTask()).as("booked by the first evaluation: nothing new to email").isZero();
        assertThat(about(realmAdmin, "standing-holder", 0)).as("once per item").hasSize(1);
        assertThat(mail.mailsTo(viewer)).as("view-users is not manage-realm").isEmpty();
        assertThat(mail.mailsTo(holder)).isEmpty();

        realm.resource().users().get(holder.id()).roles().realmLevel().remove(List.of(role));
        assertThat(pim.get(admins.admin(), "/alerts").status()).isEqualTo(200);
        realm.resource().users().get(holder.id()).roles().realmLevel().add(List.of(role));
        Http.Response again = pim.get(admins.admin(), "/alerts");
        assertThat(again.status()).isEqualTo(200);
        assertThat(about(realmAdmin, "standing-holder", 2)).as("gone and back: news again").hasSize(2);
    }

    @Test
    void thePeriodicEvaluationEmailsANewStandingGrantWithoutAnyoneOpeningTheAlerts() {
        TestUser realmAdmin = admins.realmAdmin();
        String roleId = realm.createRealmRole("background-role");
        realm.putPolicy(roleId, body("maxActivationSeconds", 3600));
        TestUser holder = realm.createUser("background-holder");
        realm.resource().users().get(holder.id()).roles().realmLevel()
                .add(List.of(realm.resource().roles().get("background-role").toRepresentation()));

        assertThat(clock.runAlertTask()).isEqualTo(1);
        assertThat(about(realmAdmin, "background-holder", 1).get(0).text()).contains("background-holder: background-role (direct role mapping)");
        assertThat(clock.runAlertTask()).as("nothing new to email").isZero();
        assertThat(about(realmAdmin, "background-holder", 0)).as("once per item").hasSize(1);
    }

    /** The alert emails to the admin that name the user, after waiting for at least {@code atLeast} of them. */
    private static List<Mail> about(TestUser admin, String username, int atLeast) {
        return mail.awaitMails(admin, "about " + username, m -> m.subject().startsWith("PIM alert") && m.text().contains(username + ":"),
                atLeast, realm.server());
    }
}
