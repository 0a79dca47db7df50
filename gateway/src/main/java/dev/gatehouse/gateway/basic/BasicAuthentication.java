package dev.gatehouse.gateway.basic;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.web.GatewayAttributes;

/**
 * Checks Basic credentials against the configured hashes, with the client's address at
 * hand for the throttle (hence a resolver per exchange rather than one manager). The
 * attempt is reserved in the {@link LoginThrottle} before the password is checked, and
 * the check runs on the password-hashing scheduler, never on the event loop. Logins in
 * progress are bounded by a Resilience4j bulkhead that does not wait: one beyond it is
 * refused at once, before it costs a call to the rate-limit store or a password check. An
 * unknown user name costs as much as a wrong password, so timing does not tell which user
 * names exist.
 */
class BasicAuthentication implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

	private final Map<String, String> hashes;

	private final PasswordEncoder encoder;

	private final LoginThrottle throttle;

	private final Scheduler hashing;

	private final Bulkhead logins;

	private final String unknownUserHash;

	BasicAuthentication(BasicAuthProperties properties, PasswordEncoder encoder, LoginThrottle throttle,
			Scheduler hashing, Bulkhead logins) {
		this.hashes = properties.getUsers()
			.stream()
			.collect(Collectors.toUnmodifiableMap(BasicAuthProperties.User::username,
					BasicAuthProperties.User::passwordHash));
		this.encoder = encoder;
		this.throttle = throttle;
		this.hashing = hashing;
		this.logins = logins;
		this.unknownUserHash = encoder.encode(UUID.randomUUID().toString());
	}

	/**
	 * bcrypt and argon2 only, the kinds {@link BasicAuthProperties} accepts: a hash of
	 * any other kind could not even be checked. New hashes, such as the unknown-user
	 * decoy, are bcrypt.
	 */
	public static PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("bcrypt",
				Map.of("bcrypt", new BCryptPasswordEncoder(), "argon2",
						Argon2PasswordEncoder.defaultsForSpringSecurity_v5_2(), "argon2@SpringSecurity_v5_8",
						Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
	}

	/**
	 * The bound on logins in progress,
	 * {@code gatehouse.gateway.basic.hashing.max-logins}.
	 */
	public static Bulkhead logins(BasicAuthProperties properties) {
		return Bulkhead.of("basic-logins",
				BulkheadConfig.custom()
					.maxConcurrentCalls(properties.getHashing().getMaxLogins())
					.maxWaitDuration(Duration.ZERO)
					.build());
	}

	@Override
	public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
		String client = GatewayAttributes.clientAddress(exchange);
		return Mono.just((authentication) -> authenticate(authentication, client));
	}

	private Mono<Authentication> authenticate(Authentication attempt, String client) {
		String username = attempt.getName();
		String password = (String) attempt.getCredentials();
		return this.throttle.reserve(username, client)
			.then(Mono.fromCallable(() -> matches(username, password)).subscribeOn(this.hashing))
			.<Authentication>flatMap((matches) -> {
				if (!matches) {
					// The reserved attempt stays counted as the failure.
					return Mono.error(new BadCredentialsException("Invalid credentials"));
				}
				return this.throttle.succeeded(username, client)
					.thenReturn(UsernamePasswordAuthenticationToken.authenticated(username, null,
							AuthorityUtils.createAuthorityList("internal")));
			})
			.transformDeferred(BulkheadOperator.<Authentication>of(this.logins))
			.onErrorMap(BulkheadFullException.class, LoginCapacityExceededException::new);
	}

	/** bcrypt and argon2 are slow on purpose, so this runs on the hashing scheduler. */
	private boolean matches(String username, String password) {
		String hash = this.hashes.get(username);
		boolean matches = this.encoder.matches(password, (hash != null) ? hash : this.unknownUserHash);
		return hash != null && matches;
	}

}
