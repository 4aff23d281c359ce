package dev.kcpim.testclock;

import dev.kcpim.domain.RequestStatus;
import dev.kcpim.events.PimEventListenerProviderFactory;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.service.Actor;
import dev.kcpim.service.AlertNotices;
import dev.kcpim.service.ReminderService;
import dev.kcpim.service.ElevationCache;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The server's clock for tests, as Keycloak's own test suite shifts it ({@code Time.setOffset}):
 * {@code GET} reads the offset, {@code PUT offset?seconds=N} sets it, {@code POST expiry} runs the
 * PIM expiry task once at the shifted time, {@code POST reminders} and {@code POST alerts} run the reminder and alert tasks, {@code GET elevation-cache} tells how often the token
 * path read the database, {@code GET due-active} whether due elevations are still running, {@code POST assignments} seeds the benchmark's assignments. Only a master
 * realm admin may call it.
 */
public final class TestClockResource {
    private static final Logger LOG = Logger.getLogger(TestClockResource.class);

    private final KeycloakSession session;

    TestClockResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> clock() {
        requireMasterAdmin();
        return state();
    }

    @PUT
    @Path("offset")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> setOffset(@QueryParam("seconds") int seconds) {
        requireMasterAdmin();
        Time.setOffset(seconds);
        LOG.infof("test clock offset set to %d s", seconds);
        return state();
    }

    /** Runs the PIM expiry task now, on this node, at the server's (shifted) time; returns how many rows it changed. */
    @POST
    @Path("expiry")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> runExpiry() {
        requireMasterAdmin();
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        PimEventListenerProviderFactory pim = (PimEventListenerProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(EventListenerProvider.class, PimEventListenerProviderFactory.ID);
        int changed = pim.expiry().runNow(now);
        return Map.of("offsetSeconds", Time.getOffset(), "now", now.toEpochMilli(), "changed", changed);
    }

    /**
     * Sends the due reminder emails now, at the server's (shifted) time, as the periodic task does (of one realm with
     * {@code ?realm=name}); returns how many were queued.
     */
    @POST
    @Path("reminders")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> runReminders(@QueryParam("realm") String realmName) {
        requireMasterAdmin();
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        int sent = realmName == null ? ReminderService.runAllRealms(factory, now) : ReminderService.runRealm(factory, realmId(realmName), now);
        return Map.of("now", now.toEpochMilli(), "sent", sent);
    }

    /**
     * Evaluates the STANDING_ACCESS alert now and emails new items, as the periodic task does (of one realm with
     * {@code ?realm=name}); returns how many items were new.
     */
    @POST
    @Path("alerts")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> runAlerts(@QueryParam("realm") String realmName) {
        requireMasterAdmin();
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        int emailed = realmName == null ? AlertNotices.evaluateAllRealms(factory, now) : AlertNotices.evaluateRealm(factory, realmId(realmName), now);
        return Map.of("now", now.toEpochMilli(), "emailed", emailed);
    }

    private String realmId(String realmName) {
        RealmModel realm = session.realms().getRealmByName(realmName);
        if (realm == null) {
            throw new NotFoundException("no realm " + realmName);
        }
        return realm.getId();
    }

    /**
     * The benchmark's seeding: {@code POST assignments} with {@code {"realm", "roleId", "endsAt", "userIds"}}
     * assigns the role to each user through PIM's own assign path, many per transaction ({@link AssignmentSeeder}).
     */
    @POST
    @Path("assignments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> assign(Map<String, Object> body) {
        AuthenticationManager.AuthResult auth = requireMasterAdmin();
        @SuppressWarnings("unchecked")
        List<String> userIds = (List<String>) body.get("userIds");
        int created = AssignmentSeeder.assign(session.getKeycloakSessionFactory(), (String) body.get("realm"), (String) body.get("roleId"),
                userIds, ((Number) body.get("endsAt")).longValue(), Actor.of(auth.user()));
        return Map.of("created", created);
    }

    /** The benchmark's users: {@code POST users} with {@code {"realm", "prefix", "from", "count"}}; returns their ids. */
    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> users(Map<String, Object> body) {
        requireMasterAdmin();
        return Map.of("ids", AssignmentSeeder.users(session.getKeycloakSessionFactory(), (String) body.get("realm"), (String) body.get("prefix"),
                ((Number) body.get("from")).intValue(), ((Number) body.get("count")).intValue()));
    }

    /**
     * Whether an ACTIVE request of the realm ends at or before {@code endingBy} (ms): the benchmark's poll for "every
     * due elevation ended", one probe of the (status, endsAt) index. An expiry batch removes the mappings in the
     * transaction that ends the requests, so none left means none of their mappings left.
     */
    @GET
    @Path("due-active")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> dueActive(@QueryParam("realm") String realmName, @QueryParam("endingBy") long endingBy) {
        requireMasterAdmin();
        boolean any = !PimStore.of(session).entityManager()
                .createQuery("select r.id from PimRequest r where r.status = :active and r.endsAt <= :endingBy and r.realmId = :realmId", String.class)
                .setParameter("active", RequestStatus.ACTIVE).setParameter("endingBy", endingBy).setParameter("realmId", realmId(realmName))
                .setMaxResults(1).getResultList().isEmpty();
        return Map.of("any", any);
    }

    /** How often the token path of this node read PIM's table (a miss of the elevations cached with users). */
    @GET
    @Path("elevation-cache")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> elevationCache() {
        requireMasterAdmin();
        return Map.of("databaseReads", ElevationCache.databaseReads());
    }

    private Map<String, Object> state() {
        return Map.of("offsetSeconds", Time.getOffset(), "now", Time.currentTimeMillis());
    }

    private AuthenticationManager.AuthResult requireMasterAdmin() {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            throw new NotAuthorizedException("Bearer");
        }
        RoleModel admin = session.getContext().getRealm().getRole(AdminRoles.ADMIN);
        if (admin == null || !auth.user().hasRole(admin)) {
            throw new ForbiddenException("only a master realm admin may use the test clock");
        }
        return auth;
    }
}
