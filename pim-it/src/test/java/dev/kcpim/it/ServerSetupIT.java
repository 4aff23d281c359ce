package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.PimIntegrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

/** The server runs our jars: providers registered, schema created by Liquibase, demo realm imported. */
@PimIntegrationTest
class ServerSetupIT {

    @Test
    void serverInfoListsThePimProviders(KeycloakServer server) {
        ServerInfoRepresentation info = server.admin().serverInfo().getInfo();

        assertThat(providers(info, "realm-restapi-extension")).containsKey("pim");
        assertThat(providers(info, "admin-realm-restapi-extension")).containsKey("pim");
        assertThat(providers(info, "jpa-entity-provider")).containsKey("kcpim-entities");
        assertThat(info.getThemes().get("account")).anySatisfy(theme -> assertThat(theme.getName()).isEqualTo("pim"));
    }

    @Test
    void demoRealmIsImported(KeycloakServer server) {
        assertThat(server.admin().realm("pim-demo").toRepresentation().getAccountTheme()).isEqualTo("pim");
    }

    @Test
    void liquibaseCreatedTheSchemaOnPostgres(KeycloakServer server) throws SQLException {
        Assumptions.assumeTrue(server.database().isPostgres(), "direct schema inspection runs on PostgreSQL (H2 is locked by the server)");
        try (Connection connection = server.database().connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, "public", "pim_%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).containsExactlyInAnyOrder("pim_policy", "pim_eligibility", "pim_request", "pim_decision", "pim_audit",
                    "pim_managed_role", "pim_realm_state", "pim_last_login", "pim_alert_notice", "pim_renewal");

            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "select indexname from pg_indexes where tablename = 'pim_request'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertThat(indexes).contains("idx_pim_req_user_status", "idx_pim_req_status_ends", "idx_pim_req_status_starts",
                    "idx_pim_req_status_deadline", "uk_pim_request_open");

            List<String> eligibilityIndexes = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "select indexname from pg_indexes where tablename = 'pim_eligibility'")) {
                while (rs.next()) {
                    eligibilityIndexes.add(rs.getString(1));
                }
            }
            assertThat(eligibilityIndexes).contains("uk_pim_elig_current", "idx_pim_elig_ends");

            try (ResultSet rs = connection.createStatement().executeQuery(
                    "select count(*) from databasechangelog_kcpim_enti")) {
                rs.next();
                assertThat(rs.getInt(1)).as("0.1.0: 5 changesets, 0.2.0: 4, 0.3.0: 4").isEqualTo(13);
            }

            List<String> columns = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getColumns(null, "public", "pim_request", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(columns).as("0.3.0 extension columns").contains("extensions", "extends_id");
            try (ResultSet rs = connection.getMetaData().getColumns(null, "public", "pim_policy", "allow_extension")) {
                assertThat(rs.next()).as("0.3.0 pim_policy.allow_extension").isTrue();
            }
        }
    }

    private static Map<String, ProviderRepresentation> providers(ServerInfoRepresentation info, String spi) {
        assertThat(info.getProviders()).containsKey(spi);
        return info.getProviders().get(spi).getProviders();
    }

}
