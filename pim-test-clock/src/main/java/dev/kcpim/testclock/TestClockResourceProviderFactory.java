package dev.kcpim.testclock;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts {@link TestClockResource} at {@code /realms/master/pim-test-clock}; in any other realm the path does not exist. */
public class TestClockResourceProviderFactory implements RealmResourceProviderFactory {
    public static final String ID = "pim-test-clock";
    private static final Logger LOG = Logger.getLogger(TestClockResourceProviderFactory.class);

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null || !Config.getAdminRealm().equals(realm.getName())) {
            return null;
        }
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new TestClockResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        LOG.warn("keycloak-pim-test-clock is installed: master admins can shift this server's clock. It is for tests only.");
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
