package dev.kcpim.it;

import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Waits.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Mailbox;
import dev.kcpim.it.support.Mailbox.Mail;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
    static final TestRealm realm = new TestRealm();
    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();
    private static Mailbox mail;

    @BeforeAll
    static void startSmtp() {
        mail = new Mailbox().start();
        Mailbox.configure(realm, mail.port(), "pim", true);
    }

    @AfterAll
    static void stopSmtp() {
        if (mail != null) {
            mail.stop();
        }
    }

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
        Mail alert = mail.awaitMail(realmAdmin, "PIM alert: roles held outside PIM (1 new)", realm.server());
        assertThat(alert.text()).contains("standing-holder: emailed-role (direct role mapping)")
                .contains("/admin/" + realm.name() + "/console/#/" + realm.name() + "/pim/alerts");
        assertThat(alert.html()).contains("standing-holder").contains("emailed-role");

        assertThat(pim.get(admins.admin(), "/alerts").status()).isEqualTo(200);
        sleep(2_000);
        assertThat(mail.mailsTo(realmAdmin)).as("once per item").hasSize(1);
        assertThat(mail.mailsTo(viewer)).as("view-users is not manage-realm").isEmpty();
        assertThat(mail.mailsTo(holder)).isEmpty();

        realm.resource().users().get(holder.id()).roles().realmLevel().remove(List.of(role));
        assertThat(pim.get(admins.admin(), "/alerts").status()).isEqualTo(200);
        realm.resource().users().get(holder.id()).roles().realmLevel().add(List.of(role));
        Http.Response again = pim.get(admins.admin(), "/alerts");
        assertThat(again.status()).isEqualTo(200);
        assertThat(mail.awaitMails(realmAdmin, 2, realm.server())).as("gone and back: news again").hasSize(2);
    }
}
