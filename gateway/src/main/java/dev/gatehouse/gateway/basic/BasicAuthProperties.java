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
 * HTTP Basic users of the internal routes under {@code gatehouse.gateway.basic}. Passwords are
 * configured only as Spring Security {@code PasswordEncoder} hashes with their id prefix, e.g.
 * {@code {bcrypt}$2a$10$...}.
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

	/**
	 * @param username the caller name sent to the backend as {@code X-Gatehouse-Caller}
	 * @param passwordHash an encoded password with its encoder id, e.g. {@code {bcrypt}...}
	 */
	public record User(@NotBlank String username,
			@NotBlank @Pattern(regexp = "\\{[a-z0-9]+}.+", message = "must be an encoded password with its encoder id, e.g. {bcrypt}$2a$10$...") String passwordHash) {
	}

	/**
	 * Repeated failures lock the user name, and separately the client address, for a while: a
	 * guesser can neither hammer one account nor spray many from one address. A locked request
	 * gets 429 with {@code Retry-After} and its password is not even checked.
	 */
	public static class Lockout {

		/** Consecutive failures for one user name within the window that lock it. */
		@Min(1)
		private int maxFailuresPerUser = 5;

		/** Failures from one client address within the window that lock it (any user names). */
		@Min(1)
		private int maxFailuresPerClient = 20;

		/** How far back failures count. */
		@NotNull
		private Duration window = Duration.ofMinutes(15);

		/** How long a lock lasts. */
		@NotNull
		private Duration duration = Duration.ofMinutes(5);

		/** Most user names and addresses tracked at once, so failures cannot exhaust memory. */
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

	public Lockout getLockout() {
		return this.lockout;
	}

	public void setLockout(Lockout lockout) {
		this.lockout = lockout;
	}

}
