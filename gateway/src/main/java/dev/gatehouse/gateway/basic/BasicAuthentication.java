package dev.gatehouse.gateway.basic;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.web.GatewayAttributes;

/**
 * Checks Basic credentials against the configured hashes, with the client's address at hand for
 * the throttle (hence a resolver per exchange rather than one manager). An unknown user name costs
 * as much as a wrong password, so timing does not tell which user names exist.
 */
public class BasicAuthentication implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

	private final Map<String, String> hashes;

	private final PasswordEncoder encoder;

	private final LoginThrottle throttle;

	private final String unknownUserHash;

	public BasicAuthentication(BasicAuthProperties properties, PasswordEncoder encoder, LoginThrottle throttle) {
		this.hashes = properties.getUsers()
			.stream()
			.collect(Collectors.toUnmodifiableMap(BasicAuthProperties.User::username,
					BasicAuthProperties.User::passwordHash));
		this.encoder = encoder;
		this.throttle = throttle;
		this.unknownUserHash = encoder.encode(UUID.randomUUID().toString());
	}

	@Override
	public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
		String client = GatewayAttributes.clientAddress(exchange);
		return Mono.just((authentication) -> authenticate(authentication, client));
	}

	private Mono<Authentication> authenticate(Authentication attempt, String client) {
		String username = attempt.getName();
		String password = (String) attempt.getCredentials();
		return this.throttle.lockedFor(username, client)
			.<Authentication>flatMap((remaining) -> Mono.error(new LoginLockedException(remaining)))
			.switchIfEmpty(Mono.fromCallable(() -> matches(username, password))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((matches) -> {
					if (!matches) {
						return this.throttle.failed(username, client)
							.then(Mono.error(new BadCredentialsException("Invalid credentials")));
					}
					return this.throttle.succeeded(username)
						.thenReturn(UsernamePasswordAuthenticationToken.authenticated(username, null,
								AuthorityUtils.createAuthorityList("internal")));
				}));
	}

	/** bcrypt is slow on purpose, so this runs off the event loop. */
	private boolean matches(String username, String password) {
		String hash = this.hashes.get(username);
		boolean matches = this.encoder.matches(password, (hash != null) ? hash : this.unknownUserHash);
		return hash != null && matches;
	}

}
