package dev.gatehouse.gateway.basic;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BasicAuthenticationTests {

	final Scheduler hashing = Schedulers.newBoundedElastic(2, 4, "test-hashing");

	BasicAuthentication authentication(String username, String hash, PasswordEncoder encoder, int maxLogins) {
		BasicAuthProperties properties = new BasicAuthProperties();
		properties.setUsers(List.of(new BasicAuthProperties.User(username, hash)));
		properties.getHashing().setMaxLogins(maxLogins);
		return new BasicAuthentication(properties, encoder,
				new MemoryLoginThrottle(properties.getLockout(), Clock.systemUTC()), this.hashing,
				BasicAuthentication.logins(properties));
	}

	BasicAuthentication authentication(String username, String hash) {
		return authentication(username, hash, BasicAuthentication.passwordEncoder(), 16);
	}

	Mono<Authentication> login(BasicAuthentication basic, String username, String password) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/internal/reports"));
		return basic.resolve(exchange)
			.flatMap((manager) -> manager
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password)));
	}

	@Test
	void argon2HashesAreCheckedLikeBcryptOnes() {
		String hash = "{argon2@SpringSecurity_v5_8}"
				+ Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("auditor-pass");
		BasicAuthentication basic = authentication("auditor", hash);
		assertThat(login(basic, "auditor", "auditor-pass").block().getName()).isEqualTo("auditor");
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> login(basic, "auditor", "wrong").block());
	}

	@Test
	void aLoginBeyondTheLoginsInProgressIsRefusedAtOnceAndCapacityReturns() throws Exception {
		CountDownLatch checking = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		PasswordEncoder real = BasicAuthentication.passwordEncoder();
		PasswordEncoder slow = new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				return real.encode(rawPassword);
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				if (rawPassword.toString().equals("slow")) {
					checking.countDown();
					await(release);
				}
				return real.matches(rawPassword, encodedPassword);
			}

		};
		BasicAuthentication basic = authentication("ops",
				"{bcrypt}$2a$10$5xyjcbbS6QpiOOaW7ZeQj.6WyXST0zqQPNnr8wBv7ZCcPK5Nq2/iy", slow, 1);
		CompletableFuture<Authentication> first = login(basic, "ops", "slow").toFuture();
		assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();
		try {
			assertThatExceptionOfType(LoginCapacityExceededException.class)
				.isThrownBy(() -> login(basic, "ops", "ops-pass").block());
		}
		finally {
			release.countDown();
		}
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> first.get(10, TimeUnit.SECONDS));
		assertThat(login(basic, "ops", "ops-pass").block().getName()).as("capacity again once the first is done")
			.isEqualTo("ops");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
