package dev.gatehouse.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.security.Problems;

/**
 * Endpoints only the gateway calls (route rules admit the authority {@code client:gatehouse-gateway}
 * alone), with its own client-credentials token, for callers it authenticated itself: partners by
 * API key or client certificate, operators by Basic. The gateway removes these identity headers
 * from what clients send and sets them from the identity it verified; that is why they are trusted
 * here, and only beside its token.
 */
@RestController
class GatewayController {

	/** The partner the gateway authenticated, e.g. {@code acme}. */
	static final String PARTNER_HEADER = "X-Gatehouse-Partner";

	/** The Basic user the gateway authenticated on {@code /internal/**}, e.g. {@code ops}. */
	static final String CALLER_HEADER = "X-Gatehouse-Caller";

	/** Identities are short names; anything else is not from the gateway and must not reach the logs. */
	private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

	private static final Logger log = LoggerFactory.getLogger(GatewayController.class);

	private final PolicyRepository policies;

	GatewayController(PolicyRepository policies) {
		this.policies = policies;
	}

	/** The policies the partner sold, and only those. */
	@GetMapping("/partner/policies")
	Page<PartnerPolicyView> partnerPolicies(@RequestHeader(name = PARTNER_HEADER, required = false) String partner,
			@PageableDefault(size = 20) Pageable pageable) {
		return this.policies.findByPartner(identity(PARTNER_HEADER, partner), PolicyRepository.inIdOrder(pageable))
			.map(PartnerPolicyView::of);
	}

	@GetMapping("/internal/reports")
	Report report(@RequestHeader(name = CALLER_HEADER, required = false) String caller) {
		String user = identity(CALLER_HEADER, caller);
		Map<Policy.Status, Long> counts = new EnumMap<>(Policy.Status.class);
		for (Policy.Status status : Policy.Status.values()) {
			counts.put(status, 0L);
		}
		this.policies.countByStatus().forEach((row) -> counts.put(row.status(), row.count()));
		log.atInfo().addKeyValue("event", "internal_report").addKeyValue("caller", user).log("report for {}", user);
		return new Report(counts, counts.values().stream().mapToLong(Long::longValue).sum());
	}

	/** A gateway token without the identity is a gateway fault, answered 400 rather than guessed. */
	private static String identity(String header, String value) {
		if (value != null && IDENTITY.matcher(value).matches()) {
			return value;
		}
		String detail = "The header " + header + " must name the caller the gateway authenticated; it is "
				+ ((value == null) ? "missing." : "not a valid name.");
		ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED,
				"Missing caller identity", detail);
		problem.setProperty("errors", List.of(Map.of("field", header, "message", "must name the authenticated caller")));
		throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	/**
	 * A partner's view of a policy: what it needs to follow what it sold, without our customer ids
	 * or the logins of our users.
	 */
	record PartnerPolicyView(String id, Policy.Product product, Policy.Status status, BigDecimal premium,
			Instant createdAt) {

		static PartnerPolicyView of(Policy policy) {
			return new PartnerPolicyView(policy.getId(), policy.getProduct(), policy.getStatus(), policy.getPremium(),
					policy.getCreatedAt());
		}

	}

	record Report(Map<Policy.Status, Long> countsByStatus, long total) {
	}

}
