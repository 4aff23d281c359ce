package dev.kcpim.it.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.keycloak.representations.idm.ClientRepresentation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A SAML service provider in a few lines: an unsigned AuthnRequest (HTTP-POST binding) to the realm,
 * the login form with a cookie jar, username and password, and the SAMLResponse of the auto-submit
 * form, base64-decoded and parsed. The SP client sends unsigned requests and gets unsigned,
 * unencrypted assertions that live two hours, so that a cap at an elevation's end shows.
 */
public final class SamlLogin {
    public static final String ACS_URL = "https://sp.example.test/saml/acs";
    /** The assertion's lifespan ({@code Conditions} and {@code SubjectConfirmationData}) of the SP client, in seconds. */
    public static final int ASSERTION_LIFESPAN_SECONDS = 7200;
    private static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final Pattern LOGIN_ACTION = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");
    private static final Pattern SAML_RESPONSE = Pattern.compile("name=\"SAMLResponse\"\\s+value=\"([^\"]+)\"");

    private SamlLogin() {
    }

    /** Creates the SAML client {@code entityId} in the realm (it gets the realm's default SAML client scopes, role_list among them). */
    public static void createClient(TestRealm realm, String entityId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(entityId);
        client.setProtocol("saml");
        client.setRedirectUris(List.of(ACS_URL));
        client.setFullScopeAllowed(true);
        client.setAttributes(Map.of(
                "saml.client.signature", "false",
                "saml.server.signature", "false",
                "saml.assertion.signature", "false",
                "saml.encrypt", "false",
                "saml.force.post.binding", "true",
                "saml.authnstatement", "true",
                "saml_name_id_format", "username",
                "saml_assertion_consumer_url_post", ACS_URL,
                "saml.assertion.lifespan", Integer.toString(ASSERTION_LIFESPAN_SECONDS)));
        TestClients.create(realm.resource(), client);
    }

    /** A fresh browser (no SSO cookie) logs the user in at the SP client; returns the assertion Keycloak posted to the SP. */
    public static Assertion login(TestRealm realm, TestUser user, String entityId) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieJar())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        String authnRequest = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + " xmlns:saml=\"" + ASSERTION_NS + "\" ID=\"_" + UUID.randomUUID() + "\" Version=\"2.0\""
                + " IssueInstant=\"" + Instant.now() + "\" AssertionConsumerServiceURL=\"" + ACS_URL + "\""
                + " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
                + "<saml:Issuer>" + entityId + "</saml:Issuer></samlp:AuthnRequest>";
        String loginPage = postForm(browser, realm.url("/protocol/saml"),
                Map.of("SAMLRequest", Base64.getEncoder().encodeToString(authnRequest.getBytes(StandardCharsets.UTF_8))));
        String action = find(LOGIN_ACTION, loginPage, "login form").replace("&amp;", "&");
        String autoSubmit = postForm(browser, action, Map.of("username", user.username(), "password", user.password(), "credentialId", ""));
        byte[] xml = Base64.getMimeDecoder().decode(find(SAML_RESPONSE, autoSubmit, "SAMLResponse"));
        return new Assertion(parse(xml));
    }

    /** The assertion of a SAML response, read as a service provider reads it. */
    public record Assertion(Document response) {
        /** The values of the attribute {@code name} (the role list mapper writes one attribute per role, or one with many values). */
        public List<String> attributeValues(String name) {
            List<String> values = new ArrayList<>();
            NodeList attributes = response.getElementsByTagNameNS(ASSERTION_NS, "Attribute");
            for (int i = 0; i < attributes.getLength(); i++) {
                Element attribute = (Element) attributes.item(i);
                if (name.equals(attribute.getAttribute("Name"))) {
                    NodeList valueNodes = attribute.getElementsByTagNameNS(ASSERTION_NS, "AttributeValue");
                    for (int j = 0; j < valueNodes.getLength(); j++) {
                        values.add(valueNodes.item(j).getTextContent());
                    }
                }
            }
            return values;
        }

        /** The role names, from the {@code Role} attribute of the realm's role_list client scope. */
        public List<String> roles() {
            return attributeValues("Role");
        }

        public Instant issueInstant() {
            return instant("Assertion", "IssueInstant");
        }

        public Instant sessionNotOnOrAfter() {
            return instant("AuthnStatement", "SessionNotOnOrAfter");
        }

        public Instant conditionsNotOnOrAfter() {
            return instant("Conditions", "NotOnOrAfter");
        }

        public Instant subjectConfirmationNotOnOrAfter() {
            return instant("SubjectConfirmationData", "NotOnOrAfter");
        }

        private Instant instant(String element, String attribute) {
            NodeList nodes = response.getElementsByTagNameNS(ASSERTION_NS, element);
            if (nodes.getLength() != 1) {
                throw new AssertionError(nodes.getLength() + " " + element + " elements in the response");
            }
            String value = ((Element) nodes.item(0)).getAttribute(attribute);
            return value.isEmpty() ? null : Instant.parse(value);
        }
    }

    /**
     * The browser's cookies for the one server of the test. {@code java.net.CookieManager} does not
     * send Keycloak's login cookies back over http: they are {@code Secure} ({@code SameSite=None}),
     * which browsers still send to localhost.
     */
    private static final class CookieJar extends CookieHandler {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        @Override
        public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            List<String> pairs = new ArrayList<>();
            cookies.forEach((name, value) -> pairs.add(name + "=" + value));
            return Map.of("Cookie", List.of(String.join("; ", pairs)));
        }

        @Override
        public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
            for (String header : responseHeaders.getOrDefault("set-cookie", responseHeaders.getOrDefault("Set-Cookie", List.of()))) {
                for (HttpCookie cookie : HttpCookie.parse(header)) {
                    if (cookie.getMaxAge() == 0) {
                        cookies.remove(cookie.getName());
                    } else {
                        cookies.put(cookie.getName(), cookie.getValue());
                    }
                }
            }
        }
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException("not a SAML response: " + new String(xml, StandardCharsets.UTF_8), e);
        }
    }

    private static String find(Pattern pattern, String html, String what) {
        Matcher m = pattern.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no " + what + " in: " + html);
        }
        return m.group(1);
    }

    private static String postForm(HttpClient browser, String url, Map<String, String> form) {
        String body = Http.formEncoded(form);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
