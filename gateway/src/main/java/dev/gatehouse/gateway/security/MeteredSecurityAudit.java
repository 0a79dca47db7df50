package dev.gatehouse.gateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.gatehouse.security.SecurityAudit;

/**
 * The starter's audit log plus counters, so every refusal the gateway and the starter's
 * handlers record is also a metric: {@code gatehouse.authentication.failures{reason}} for
 * failed or throttled authentication (401, 429), {@code gatehouse.access.denials{reason}}
 * for the rest (400, 403).
 */
class MeteredSecurityAudit extends SecurityAudit {

	private final MeterRegistry meters;

	MeteredSecurityAudit(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void denied(int status, String reason, String principal, String method, String path, String client) {
		super.denied(status, reason, principal, method, path, client);
		String name = (status == 401 || status == 429) ? "gatehouse.authentication.failures"
				: "gatehouse.access.denials";
		Counter.builder(name)
			.description("Requests the gateway refused, by reason")
			.tag("reason", reason)
			.register(this.meters)
			.increment();
	}

}
