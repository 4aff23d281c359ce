package dev.kcpim.it;

import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Waits.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.Mailbox;
import dev.kcpim.it.support.Mailbox.Mail;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reminder emails of contract v1.1, through GreenMail: the realm's {@code elevationEndingReminderMinutes} before an
 * elevation ends (once per end, again after an extension, none when set to 0), and 14 days and 1 day before an
 * eligibility ends (each once). The server's clock moves; the reminder task runs on demand.
 */
class ReminderEmailIT {

    @RegisterExtension
    @Order(1)
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    @RegisterExtension
    @Order(2)
    static final Mailbox mail = new Mailbox().sendingFrom(realm);

    private static String roleWithoutOtp() {
        String roleId = realm.createRealmRole("reminded-" + COUNTER.incrementAndGet());
        realm.putPolicy(roleId, body("requireOtp", false, "maxActivationSeconds", 3600));
        return roleId;
    }

    /** Runs the reminders and waits a moment for anything queued to arrive (they are sent after the commit). */
    private int remind() {
        int sent = clock.runReminders();
        sleep(1_000);
        return sent;
    }

    @Test
    void theUserIsRemindedBeforeTheElevationEndsOnceAndAgainAfterAnExtension() {
        realm.pimAdmin("PUT", "/settings", body("elevationEndingReminderMinutes", 10));
        String roleId = roleWithoutOtp();
        TestUser user = realm.createUser("reminded-user-" + COUNTER.incrementAndGet());
        realm.makeEligible(user, roleId);
        Http.Response activation = user.post("/me/requests", body("roleId", roleId, "durationSeconds", 900, "justification", "maintenance"));
        String requestId = activation.json().path("id").asText();

        remind();
        assertThat(mail.mailsTo(user, "Ends soon")).as("15 minutes left, reminder at 10").isEmpty();
        clock.advance(Duration.ofMinutes(6));
        remind();
        Mail reminder = mail.awaitMail(user, "Ends soon", realm.server());
        assertThat(reminder.text()).contains("/realms/" + realm.name() + "/account/pim/roles").contains("extend it");
        remind();
        assertThat(mail.mailsTo(user, "Ends soon")).as("once per end").hasSize(1);

        Http.Response extended = user.post("/me/requests/" + requestId + "/extend", body("durationSeconds", 1200, "justification", "not done"));
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        remind();
        assertThat(mail.mailsTo(user, "Ends soon")).as("20 minutes left again").hasSize(1);
        clock.advance(Duration.ofMinutes(11));
        remind();
        assertThat(mail.awaitMails(user, "Ends soon", 2, realm.server())).as("the new end gets its own reminder").hasSize(2);
    }

    @Test
    void noReminderWhenTheRealmTurnedThemOff() {
        realm.pimAdmin("PUT", "/settings", body("elevationEndingReminderMinutes", 0));
        String roleId = roleWithoutOtp();
        TestUser user = realm.createUser("not-reminded-" + COUNTER.incrementAndGet());
        realm.makeEligible(user, roleId);
        user.post("/me/requests", body("roleId", roleId, "durationSeconds", 120, "justification", "quick fix"));
        remind();
        assertThat(mail.mailsTo(user, "Ends soon")).isEmpty();
        realm.pimAdmin("PUT", "/settings", body());
    }

    @Test
    void theUserIsReminded14DaysAndOneDayBeforeTheEligibilityEnds() {
        String roleId = roleWithoutOtp();
        TestUser user = realm.createUser("eligibility-reminded-" + COUNTER.incrementAndGet());
        long endsAt = ServerClock.nowMillis() + Duration.ofDays(10).toMillis();
        realm.pimAdmin("POST", "/eligibilities", body("principalType", "USER", "principalId", user.id(), "roleId", roleId, "endsAt", endsAt));
        TestUser permanent = realm.createUser("permanently-eligible-" + COUNTER.incrementAndGet());
        realm.makeEligible(permanent, roleId);

        remind();
        Mail first = mail.awaitMail(user, "Ending: your eligibility", realm.server());
        assertThat(first.text()).contains("ask for a renewal").contains("/account/pim/roles");
        remind();
        assertThat(mail.mailsTo(user, "Ending: your eligibility")).as("the 14-day reminder once").hasSize(1);

        clock.advance(Duration.ofDays(9).plusHours(1));
        remind();
        assertThat(mail.awaitMails(user, "Ending: your eligibility", 2, realm.server())).hasSize(2);
        remind();
        assertThat(mail.mailsTo(user, "Ending: your eligibility")).as("the 1-day reminder once").hasSize(2);
        assertThat(mail.mailsTo(permanent, "Ending")).isEmpty();
    }
}
