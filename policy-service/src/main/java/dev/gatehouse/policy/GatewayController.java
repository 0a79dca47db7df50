package dev.gatehouse.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.security.Problems;

/**
 * Endpoints only the gateway calls (route rules admit the authority {@code client:gatehouse-gateway}
 * alone), with its own client-credentials token, for callers it authenticated itself: partners by
 * API key or client certificate ({@code X-Gatehouse-Partner}, which the starter turns into the
 * authority {@code partner:<name>}), operators by Basic ({@code X-Gatehouse-Caller}). The gateway
 * removes these identity headers from what clients send and sets them from the identity it
 * verified; that is why they are believed here, and only beside its token.
 */
@RestController
class GatewayController {

	private static final Logger log = LoggerFactory.getLogger(GatewayController.class);

	private final PolicyRepository policies;

	GatewayController(PolicyRepository policies) {
		this.policies = policies;
	}

	/** The policies the partner sold, and only those. */
	@GetMapping("/partner/policies")
	Page<PartnerPolicyView> partnerPolicies(@ParameterObject @PageableDefault(size = 20) Pageable pageable, Authentication auth) {
		return this.policies.findByPartner(partner(auth), PolicyRepository.inIdOrder(pageable))
			.map(PartnerPolicyView::of);
	}

	/** One policy the partner sold; any other answers exactly like a missing one. */
	@GetMapping("/partner/policies/{id}")
	PartnerPolicyView partnerPolicy(@PathVariable String id, Authentication auth) {
		String partner = partner(auth);
		Long number = Policy.number(id);
		return ((number != null) ? this.policies.findById(number) : Optional.<Policy>empty())
			.filter((policy) -> policy.isSoldBy(partner))
			.map(PartnerPolicyView::of)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.problem(HttpStatus.NOT_FOUND,
					Problems.NOT_FOUND, "Policy not found", "No policy " + id + "; check the id."), null));
	}

	@GetMapping("/internal/reports")
	Report report(@RequestHeader(name = GatewayVouching.CALLER, required = false) String caller) {
		if (!GatewayVouching.isIdentity(caller)) {
			throw missingIdentity(GatewayVouching.CALLER);
		}
		Map<Policy.Status, Long> counts = new EnumMap<>(Policy.Status.class);
		for (Policy.Status status : Policy.Status.values()) {
			counts.put(status, 0L);
		}
		this.policies.countByStatus().forEach((row) -> counts.put(row.status(), row.count()));
		log.atInfo().addKeyValue("event", "internal_report").addKeyValue("caller", caller).log("report for {}", caller);
		return new Report(counts, counts.values().stream().mapToLong(Long::longValue).sum());
	}

	private static String partner(Authentication auth) {
		Caller caller = Caller.of(auth);
		if (!caller.isPartner()) {
			throw missingIdentity(GatewayVouching.PARTNER);
		}
		return caller.partner();
	}

	/** A gateway token without the identity it vouches for is a gateway fault, answered 400 rather than guessed. */
	private static ErrorResponseException missingIdentity(String header) {
		ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED,
				"Missing caller identity", "The header " + header + " must name the caller the gateway authenticated.");
		problem.setProperty("errors", List.of(Map.of("field", header, "message", "must name the authenticated caller")));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	record Report(Map<Policy.Status, Long> countsByStatus, long total) {
	}

}
