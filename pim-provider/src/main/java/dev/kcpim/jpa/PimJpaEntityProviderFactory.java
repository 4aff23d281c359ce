package dev.kcpim.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class PimJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /** Also names the Liquibase history table: DATABASECHANGELOG_KCPIM_ENTI. */
    public static final String ID = "kcpim-entities";

    private static final JpaEntityProvider PROVIDER = new PimJpaEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
