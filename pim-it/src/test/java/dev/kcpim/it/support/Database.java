package dev.kcpim.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The database the server runs on, chosen with -Dpim.db=h2|postgres. */
public final class Database {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String kind;
    private final String postgresBaseUrl;
    private final String postgresUser;
    private final String postgresDatabase;

    private Database(String kind, String postgresBaseUrl, String postgresUser) {
        this.kind = kind;
        this.postgresBaseUrl = postgresBaseUrl;
        this.postgresUser = postgresUser;
        this.postgresDatabase = "pim_it_" + System.currentTimeMillis() + "_" + COUNTER.incrementAndGet();
    }

    /** A new database of the given kind; for postgres, a fresh database is created when first prepared. */
    public static Database fresh(String kind) {
        Database database = new Database(kind, System.getProperty("pim.postgres.url", "jdbc:postgresql://127.0.0.1:5432/"),
                System.getProperty("pim.postgres.user", "postgres"));
        database.prepare();
        return database;
    }

    static Database fromSystemProperties() {
        String kind = System.getProperty("pim.db", "h2");
        if (!kind.equals("h2") && !kind.equals("postgres")) {
            throw new IllegalStateException("pim.db must be h2 or postgres, not " + kind);
        }
        return new Database(kind, System.getProperty("pim.postgres.url", "jdbc:postgresql://127.0.0.1:5432/"),
                System.getProperty("pim.postgres.user", "postgres"));
    }

    public boolean isPostgres() {
        return kind.equals("postgres");
    }

    public String kind() {
        return kind;
    }

    /** A JDBC connection to the database Keycloak runs on (PostgreSQL only: H2 is locked by the server). */
    public Connection connect() throws SQLException {
        if (!isPostgres()) {
            throw new IllegalStateException("direct JDBC access is for PostgreSQL only");
        }
        return DriverManager.getConnection(postgresBaseUrl + postgresDatabase, postgresUser, "");
    }

    private boolean prepared;

    synchronized void prepare() {
        if (!isPostgres() || prepared) {
            return;
        }
        prepared = true;
        try (Connection connection = DriverManager.getConnection(postgresBaseUrl + "postgres", postgresUser, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + postgresDatabase);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the PostgreSQL database " + postgresDatabase
                    + " at " + postgresBaseUrl + " (is PostgreSQL running?)", e);
        }
    }

    List<String> options() {
        if (!isPostgres()) {
            return List.of();
        }
        String jdbcUrl = postgresBaseUrl + postgresDatabase;
        return List.of("--db=postgres", "--db-url=" + jdbcUrl, "--db-username=" + postgresUser, "--db-password=unused");
    }
}
