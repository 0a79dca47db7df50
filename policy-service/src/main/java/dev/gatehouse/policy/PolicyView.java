package dev.gatehouse.policy;

import java.math.BigDecimal;
import java.time.Instant;

/** What the API shows of a policy to its holder and to staff. */
record PolicyView(String id, String customerId, String holder, Policy.Product product, Policy.Status status,
		BigDecimal premium, String partner, Instant createdAt) {

	static PolicyView of(Policy policy) {
		return new PolicyView(policy.getId(), policy.getCustomerId(), policy.getHolder(), policy.getProduct(),
				policy.getStatus(), policy.getPremium(), policy.getPartner(), policy.getCreatedAt());
	}

}
