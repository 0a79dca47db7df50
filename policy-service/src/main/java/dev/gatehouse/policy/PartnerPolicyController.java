package dev.gatehouse.policy;

import java.util.Optional;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.security.GatewayVouching;

/**
 * The policies a partner sold, for partners the gateway authenticated itself (API key or
 * client certificate). Only the gateway calls this (route rules admit the authority
 * {@code client:gatehouse-gateway} alone), with its own token and the partner in
 * {@code X-Gatehouse-Partner}, which the starter turns into the authority
 * {@code partner:<name>}. The gateway removes that header from what clients send and sets
 * it from the identity it verified; that is why it is believed here, and only beside its
 * token.
 */
@RestController
class PartnerPolicyController {

	private final PolicyRepository policies;

	PartnerPolicyController(PolicyRepository policies) {
		this.policies = policies;
	}

	/** The policies the partner sold, and only those. */
	@GetMapping("/partner/policies")
	Page<PartnerPolicyView> partnerPolicies(@ParameterObject @PageableDefault(size = 20) Pageable pageable,
			Authentication auth) {
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
			.orElseThrow(
					() -> new PolicyException(PolicyProblem.POLICY_NOT_FOUND, "No policy " + id + "; check the id."));
	}

	private static String partner(Authentication auth) {
		Caller caller = Caller.of(auth);
		if (!caller.isPartner()) {
			throw PolicyException.missingIdentity(GatewayVouching.partnerHeader());
		}
		return caller.partner();
	}

}
