package dev.gatehouse.policy;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A partner's view of a policy: what it needs to follow what it sold, without our
 * customer ids, the logins of our users or which partner sold it. The same for every
 * partner credential (API key, client certificate, a partner system's token) and route.
 */
record PartnerPolicyView(String id, Policy.Product product, Policy.Status status, BigDecimal premium,
		Instant createdAt) {

	static PartnerPolicyView of(Policy policy) {
		return new PartnerPolicyView(policy.getId(), policy.getProduct(), policy.getStatus(), policy.getPremium(),
				policy.getCreatedAt());
	}

}
