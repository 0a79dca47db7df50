package dev.gatehouse.gateway.basic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP Basic users of the internal routes under {@code gatehouse.gateway.basic}.
 * Passwords are configured only as bcrypt or argon2 hashes with their Spring Security
 * encoder id, e.g. {@code {bcrypt}$2a$10$...} or
 * {@code {argon2@SpringSecurity_v5_8}$argon2id$...}; anything else (plain text,
 * {@code {noop}}, fast digests) stops the start-up naming the property.
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.basic")
public class BasicAuthProperties {

	@NotBlank
	private String realm = "gatehouse-internal";

	@Valid
	private List<User> users = new ArrayList<>();

	@Valid
	@NotNull
	private Lockout lockout = new Lockout();

	@Valid
	@NotNull
	private Hashing hashing = new Hashing();

	/**
	 * A bcrypt hash (cost, 22 characters of salt, 31 of hash) or a PHC-formatted argon2
	 * hash, with the encoder id.
	 */
	static final String SLOW_HASH = "\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}"
			+ "|\\{argon2(@SpringSecurity_v5_8)?}\\$argon2(id|i|d)\\$v=\\d+\\$m=\\d+,t=\\d+,p=\\d+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+";

	/**
	 * @param username the caller name sent to the backend as {@code X-Gatehouse-Caller}
	 * @param passwordHash a bcrypt or argon2 hash with its encoder id
	 */
	public record User(@NotBlank String username,
			@NotBlank @Pattern(regexp = SLOW_HASH, message = "must be a bcrypt or argon2 hash with its encoder id, "
					+ "{bcrypt}$2a$10$... or {argon2@SpringSecurity_v5_8}$argon2id$...; plain text, {noop} and fast "
					+ "digests are refused") String passwordHash) {
	}

	/**
	 * Where passwords are checked: a few threads of their own, so a burst of logins
	 * neither blocks the event loop nor starves it of CPU, and a bound on the logins in
	 * progress (counting the attempt, waiting for a thread, checking), so that a burst
	 * cannot queue without end nor flood the rate-limit store: a login beyond it is
	 * refused at once with 429 and {@code Retry-After}.
	 */
	public static class Hashing {

		/**
		 * Password checks at once. bcrypt and argon2 keep a core busy each, so half the
		 * processors (at least one): with as many threads as cores, a burst of logins
		 * left the event loops, the Redis client and the timers no core, and replies from
		 * Redis missed {@code redis-timeout}.
		 */
		@Min(1)
		private int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

		/** Logins in progress at once; beyond this they are refused. */
		@Min(1)
		private int maxLogins = 16;

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getMaxLogins() {
			return this.maxLogins;
		}

		public void setMaxLogins(int maxLogins) {
			this.maxLogins = maxLogins;
		}

	}

	/**
	 * Repeated failures lock the user name, and separately the client address, for a
	 * while: a guesser can neither hammer one account nor spray many from one address. A
	 * locked request gets 429 with {@code Retry-After} and its password is not even
	 * checked. Attempts are counted when they start, so parallel guesses reach the
	 * password check at most {@code max-failures-per-user} times.
	 */
	public static class Lockout {

		/** Consecutive failures for one user name within the window that lock it. */
		@Min(1)
		private int maxFailuresPerUser = 5;

		/**
		 * Failures from one client address within the window that lock it (any user
		 * names).
		 */
		@Min(1)
		private int maxFailuresPerClient = 20;

		/** How far back failures count. */
		@NotNull
		private Duration window = Duration.ofMinutes(15);

		/** How long a lock lasts. */
		@NotNull
		private Duration duration = Duration.ofMinutes(5);

		/**
		 * With the Redis store, how long a login waits for its counters before it is
		 * refused (503, fail-closed). Longer than
		 * {@code gatehouse.gateway.rate-limits.redis-timeout}, which keeps ordinary
		 * requests from ever waiting on Redis: a login is slow anyway (a password check),
		 * at most {@code hashing.max-logins} wait at once, and a refusal here turns away
		 * a login while Redis is up. At 200 ms, one garbage-collection pause or a busy
		 * host was enough (in RateLimitIntegrationTests, on a 2-core machine shared with
		 * other builds, pauses of 200 to 290 ms). A disconnected Redis still refuses at
		 * once.
		 */
		@NotNull
		private Duration storeTimeout = Duration.ofSeconds(1);

		/**
		 * Most user names and addresses tracked at once per instance (store
		 * {@code memory}), so failures cannot exhaust memory; beyond it the least used
		 * entries are evicted.
		 */
		@Min(100)
		private int maxTracked = 10_000;

		public int getMaxFailuresPerUser() {
			return this.maxFailuresPerUser;
		}

		public void setMaxFailuresPerUser(int maxFailuresPerUser) {
			this.maxFailuresPerUser = maxFailuresPerUser;
		}

		public int getMaxFailuresPerClient() {
			return this.maxFailuresPerClient;
		}

		public void setMaxFailuresPerClient(int maxFailuresPerClient) {
			this.maxFailuresPerClient = maxFailuresPerClient;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

		public Duration getStoreTimeout() {
			return this.storeTimeout;
		}

		public void setStoreTimeout(Duration storeTimeout) {
			this.storeTimeout = storeTimeout;
		}

		public int getMaxTracked() {
			return this.maxTracked;
		}

		public void setMaxTracked(int maxTracked) {
			this.maxTracked = maxTracked;
		}

	}

	public String getRealm() {
		return this.realm;
	}

	public void setRealm(String realm) {
		this.realm = realm;
	}

	public List<User> getUsers() {
		return this.users;
	}

	public void setUsers(List<User> users) {
		this.users = users;
	}

	public Hashing getHashing() {
		return this.hashing;
	}

	public void setHashing(Hashing hashing) {
		this.hashing = hashing;
	}

	public Lockout getLockout() {
		return this.lockout;
	}

	public void setLockout(Lockout lockout) {
		this.lockout = lockout;
	}

}
