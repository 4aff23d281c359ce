package dev.kcpim.it.support;

import static dev.kcpim.it.support.Waits.sleep;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * A real SMTP server on 127.0.0.1 (GreenMail) that test realms send to, and what arrived, per recipient. As a JUnit
 * extension ({@code @RegisterExtension static}, ordered with {@code @Order} after the realms) it starts before the class's tests, points the realms
 * given to {@link #sendingFrom} at itself (email theme {@code pim}, Frontend URL set) and stops after them.
 */
public final class Mailbox implements BeforeAllCallback, AfterAllCallback {
    private static final long TIMEOUT = 20_000;

    /** One email as a person reads it: the plain text and the HTML part. */
    public record Mail(String to, String subject, String text, String html) {
    }

    private final int port = Ports.freePort();
    private final GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final List<TestRealm> realms = new ArrayList<>();

    /** The realms to configure when the extension starts. */
    public Mailbox sendingFrom(TestRealm... senders) {
        realms.addAll(List.of(senders));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        realms.forEach(realm -> configure(realm, port, "pim", true));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public Mailbox start() {
        mail.start();
        return this;
    }

    public void stop() {
        mail.stop();
    }

    public int port() {
        return port;
    }

    /** Points the realm's SMTP settings at {@code smtpPort}, with an email theme (null: Keycloak's) and, if asked, the Frontend URL set. */
    public static void configure(TestRealm target, int smtpPort, String emailTheme, boolean frontendUrl) {
        RealmRepresentation rep = target.resource().toRepresentation();
        rep.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(smtpPort), "from", "pim@example.test",
                "fromDisplayName", "Privileged access"));
        if (emailTheme != null) {
            rep.setEmailTheme(emailTheme);
        }
        if (frontendUrl) {
            Map<String, String> attributes = new HashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes());
            attributes.put("frontendUrl", target.server().baseUrl());
            rep.setAttributes(attributes);
        }
        target.resource().update(rep);
    }

    public List<Mail> mailsTo(TestUser user) {
        List<Mail> result = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                for (Address to : message.getAllRecipients()) {
                    if (to.toString().equalsIgnoreCase(user.username() + "@example.test")) {
                        StringBuilder text = new StringBuilder();
                        StringBuilder html = new StringBuilder();
                        collect(message, text, html);
                        result.add(new Mail(to.toString(), message.getSubject(), text.toString(), html.toString()));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("unreadable message", e);
            }
        }
        return result;
    }

    /** Waits until the user has received {@code count} emails and returns them, oldest first (each kept for people to look at). */
    public List<Mail> awaitMails(TestUser user, int count, KeycloakServer server) {
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (System.currentTimeMillis() < deadline) {
            List<Mail> mails = mailsTo(user);
            if (mails.size() >= count) {
                mails.forEach(Mailbox::keep);
                return mails;
            }
            sleep(100);
        }
        throw new AssertionError(user.username() + " received " + mailsTo(user).size() + " emails, expected " + count
                + "; server log:\n" + server.logTail());
    }

    /** Waits until the user has received {@code count} emails whose subject starts so, and returns them. */
    public List<Mail> awaitMails(TestUser user, String subjectPrefix, int count, KeycloakServer server) {
        return awaitMails(user, "\"" + subjectPrefix + "...\"", m -> m.subject().startsWith(subjectPrefix), count, server);
    }

    /** Waits until the user has received {@code count} emails that match ({@code what} names them in the failure), and returns them. */
    public List<Mail> awaitMails(TestUser user, String what, Predicate<Mail> which, int count, KeycloakServer server) {
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (System.currentTimeMillis() < deadline) {
            List<Mail> mails = mailsTo(user).stream().filter(which).toList();
            if (mails.size() >= count) {
                mails.forEach(Mailbox::keep);
                return mails;
            }
            sleep(100);
        }
        throw new AssertionError(user.username() + " received " + mailsTo(user).stream().filter(which).count() + " emails " + what
                + ", expected " + count + "; server log:\n" + server.logTail());
    }

    /** The user's emails whose subject starts so. */
    public List<Mail> mailsTo(TestUser user, String subjectPrefix) {
        return mailsTo(user).stream().filter(m -> m.subject().startsWith(subjectPrefix)).toList();
    }

    public Mail awaitMail(TestUser user, String subjectPrefix, KeycloakServer server) {
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (System.currentTimeMillis() < deadline) {
            for (Mail m : mailsTo(user)) {
                if (m.subject().startsWith(subjectPrefix)) {
                    return keep(m);
                }
            }
            sleep(100);
        }
        throw new AssertionError(user.username() + " received no email \"" + subjectPrefix + "...\" but " + mailsTo(user)
                + "; server log:\n" + server.logTail());
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws Exception {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), text, html);
            }
        }
    }

    /** Keeps a copy of an email under {@code <work dir>/emails/} (the rendered templates, for people to look at). */
    private static Mail keep(Mail m) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("pim.work.dir", "target"), "emails"));
            String name = m.subject().replaceAll("[^A-Za-z]+", "-").replaceAll("^-|-$", "").toLowerCase();
            Files.writeString(dir.resolve(name + ".html"), m.html());
            Files.writeString(dir.resolve(name + ".txt"), "Subject: " + m.subject() + "\n\n" + m.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
