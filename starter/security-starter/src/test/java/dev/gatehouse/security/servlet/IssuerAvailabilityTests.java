package dev.gatehouse.security.servlet;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The service starts while the issuer is down, answers 503 (not 500) while it cannot
 * fetch keys, and works as soon as the issuer is up, without a restart.
 */
@SpringBootTest(properties = "gatehouse.security.jwk-set-refetch-min-interval=1s")
@AutoConfigureMockMvc
class IssuerAvailabilityTests {

	static final int port = freePort();

	static TestIssuer issuer;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("gatehouse.security.issuer-uri", () -> "http://localhost:" + port + "/realms/gatehouse");
	}

	@AfterAll
	static void stopIssuer() {
		if (issuer != null) {
			issuer.close();
		}
	}

	@Autowired
	MockMvc mvc;

	@Test
	void serviceStartedWhileIssuerWasDownWorksOnceItIsUp() throws Exception {
		TestIssuer keysNotYetReachable = TestIssuer.start();
		String early = keysNotYetReachable.token(Persona.BOB)
			.issuer("http://localhost:" + port + "/realms/gatehouse")
			.build();
		keysNotYetReachable.close();
		this.mvc.perform(get("/api/things").header("Authorization", "Bearer " + early))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:issuer-unavailable"));

		issuer = TestIssuer.start(port);
		String token = issuer.token(Persona.BOB).build();
		// The next fetch may start once the refetch interval after the failed one has
		// passed.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.mvc.perform(get("/api/things").header("Authorization", "Bearer " + token))
				.andExpect(status().isOk()));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
