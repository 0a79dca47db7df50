package dev.gatehouse.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The limit on failed authentication per client address, under
 * {@code gatehouse.gateway.failed-authentication}: whatever the credential (bearer token,
 * API key, client certificate, Basic), {@code max-failures} refused credentials from one
 * address within {@code window} block that address for {@code block}, on every route,
 * before any credential is looked at. Counted in the rate-limit store, so with Redis all
 * replicas count together.
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.failed-authentication")
public class FailedAuthenticationProperties {

	private boolean enabled = true;

	/** Refused credentials from one address within the window that block it. */
	@Min(1)
	private int maxFailures = 30;

	@NotNull
	private Duration window = Duration.ofMinutes(1);

	/** How long a blocked address gets 429. */
	@NotNull
	private Duration block = Duration.ofMinutes(5);

	/**
	 * Most addresses tracked at once per instance; beyond it the least recently seen are
	 * forgotten.
	 */
	@Min(100)
	private int maxTracked = 10_000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxFailures() {
		return this.maxFailures;
	}

	public void setMaxFailures(int maxFailures) {
		this.maxFailures = maxFailures;
	}

	public Duration getWindow() {
		return this.window;
	}

	public void setWindow(Duration window) {
		this.window = window;
	}

	public Duration getBlock() {
		return this.block;
	}

	public void setBlock(Duration block) {
		this.block = block;
	}

	public int getMaxTracked() {
		return this.maxTracked;
	}

	public void setMaxTracked(int maxTracked) {
		this.maxTracked = maxTracked;
	}

}
