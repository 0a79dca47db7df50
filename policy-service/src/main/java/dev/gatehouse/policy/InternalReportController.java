package dev.gatehouse.policy;

import java.util.EnumMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.security.GatewayVouching;

/**
 * The operators' report, for callers the gateway authenticated itself by HTTP Basic. Only
 * the gateway calls this (route rules admit the authority
 * {@code client:gatehouse-gateway} alone), with its own token and the operator in
 * {@code X-Gatehouse-Caller} (under the brand's header prefix), a header it removes from
 * what clients send and sets from the identity it verified.
 */
@RestController
class InternalReportController {

	private static final Logger log = LoggerFactory.getLogger(InternalReportController.class);

	private final PolicyRepository policies;

	InternalReportController(PolicyRepository policies) {
		this.policies = policies;
	}

	@GetMapping("/internal/reports")
	Report report(HttpServletRequest request) {
		// Read here rather than by @RequestHeader: the name follows gatehouse.brand.
		String caller = request.getHeader(GatewayVouching.callerHeader());
		if (!GatewayVouching.isIdentity(caller)) {
			throw PolicyException.missingIdentity(GatewayVouching.callerHeader());
		}
		Map<Policy.Status, Long> counts = new EnumMap<>(Policy.Status.class);
		for (Policy.Status status : Policy.Status.values()) {
			counts.put(status, 0L);
		}
		this.policies.countByStatus().forEach((row) -> counts.put(row.status(), row.count()));
		log.atInfo().addKeyValue("event", "internal_report").addKeyValue("caller", caller).log("report for {}", caller);
		return new Report(counts, counts.values().stream().mapToLong(Long::longValue).sum());
	}

	record Report(Map<Policy.Status, Long> countsByStatus, long total) {
	}

}
