package dev.kcpim.it;

import static dev.kcpim.it.support.Bodies.body;
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
 * eligibility ends (each once). The server's clock moves; the reminder task runs on demand for one realm and says how many
 * reminders it queued, so each test has a realm of its own and needs no wait to know that none went.
 */
class ReminderEmailIT {

    @RegisterExtension
    @Order(1)
    static final TestRealm elevationRealm = new TestRealm();
    @RegisterExtension
    @Order(1)
    static final TestRealm reminderOffRealm = new TestRealm();
    @RegisterExtension
    @Order(1)
    static final TestRealm eligibilityRealm = new TestRealm();
    @RegisterExtension
    @Order(2)
    static final Mailbox mail = new Mailbox().sendingFrom(elevationRealm, reminderOffRealm, eligibilityRealm);
    /** Moves the server's clock (shared by every realm) and puts it back after each test. */
    @RegisterExtension
    final ServerClock clock = new ServerClock(elevationRealm);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static String roleWithoutOtp(TestRealm realm) {
        String roleId = realm.createRealmRole("reminded-" + COUNTER.incrementAndGet());
        realm.putPolicy(roleId, body("requireOtp", false, "maxActivationSeconds", 3600));
        return roleId;
    }

    /** Runs the realm's due reminders now; returns how many it queued. */
    private static int remind(TestRealm realm) {
        return new ServerClock(realm).runReminders();
    }

    @Test
    void theUserIsRemindedBeforeTheElevationEndsOnceAndAgainAfterAnExtension() {
        TestRealm realm = elevationRealm;
        realm.pimAdmin("PUT", "/settings", body("elevationEndingReminderMinutes", 10));
        String roleId = roleWithoutOtp(realm);
        TestUser user = realm.createUser("reminded-user-" + COUNTER.incrementAndGet());
        realm.makeEligible(user, roleId);
        Http.Response activation = user.post("/me/requests", body("roleId", roleId, "durationSeconds", 900, "justification", "maintenance"));
        String requestId = activation.json().path("id").asText();

        assertThat(remind(realm)).as("15 minutes left, reminder at 10").isZero();
        assertThat(mail.mailsTo(user, "Ends soon")).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        assertThat(remind(realm)).isEqualTo(1);
        Mail reminder = mail.awaitMail(user, "Ends soon", realm.server());
        assertThat(reminder.text()).contains("/realms/" + realm.name() + "/account/pim/roles").contains("extend it");
        assertThat(remind(realm)).as("once per end").isZero();
        assertThat(mail.mailsTo(user, "Ends soon")).hasSize(1);

        Http.Response extended = user.post("/me/requests/" + requestId + "/extend", body("durationSeconds", 1200, "justification", "not done"));
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        assertThat(remind(realm)).as("20 minutes left again").isZero();
        assertThat(mail.mailsTo(user, "Ends soon")).hasSize(1);
        clock.advance(Duration.ofMinutes(11));
        assertThat(remind(realm)).isEqualTo(1);
        assertThat(mail.awaitMails(user, "Ends soon", 2, realm.server())).as("the new end gets its own reminder").hasSize(2);
    }

    @Test
    void noReminderWhenTheRealmTurnedThemOff() {
        TestRealm realm = reminderOffRealm;
        realm.pimAdmin("PUT", "/settings", body("elevationEndingReminderMinutes", 0));
        String roleId = roleWithoutOtp(realm);
        TestUser user = realm.createUser("not-reminded-" + COUNTER.incrementAndGet());
        realm.makeEligible(user, roleId);
        user.post("/me/requests", body("roleId", roleId, "durationSeconds", 120, "justification", "quick fix"));
        assertThat(remind(realm)).isZero();
        assertThat(mail.mailsTo(user, "Ends soon")).isEmpty();
    }

    @Test
    void theUserIsReminded14DaysAndOneDayBeforeTheEligibilityEnds() {
        TestRealm realm = eligibilityRealm;
        String roleId = roleWithoutOtp(realm);
        TestUser user = realm.createUser("eligibility-reminded-" + COUNTER.incrementAndGet());
        long endsAt = ServerClock.nowMillis() + Duration.ofDays(10).toMillis();
        realm.pimAdmin("POST", "/eligibilities", body("principalType", "USER", "principalId", user.id(), "roleId", roleId, "endsAt", endsAt));
        TestUser permanent = realm.createUser("permanently-eligible-" + COUNTER.incrementAndGet());
        realm.makeEligible(permanent, roleId);

        assertThat(remind(realm)).as("the 14-day reminder").isEqualTo(1);
        Mail first = mail.awaitMail(user, "Ending: your eligibility", realm.server());
        assertThat(first.text()).contains("ask for a renewal").contains("/account/pim/roles");
        assertThat(remind(realm)).as("the 14-day reminder once").isZero();
        assertThat(mail.mailsTo(user, "Ending: your eligibility")).hasSize(1);

        clock.advance(Duration.ofDays(9).plusHours(1));
        assertThat(remind(realm)).as("the 1-day reminder").isEqualTo(1);
        assertThat(mail.awaitMails(user, "Ending: your eligibility", 2, realm.server())).hasSize(2);
        assertThat(remind(realm)).as("the 1-day reminder once").isZero();
        assertThat(mail.mailsTo(user, "Ending: your eligibility")).hasSize(2);
        assertThat(mail.mailsTo(permanent, "Ending")).isEmpty();
    }
}
