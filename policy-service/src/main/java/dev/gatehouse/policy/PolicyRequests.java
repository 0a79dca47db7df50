package dev.gatehouse.policy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.gatehouse.security.PublicIds;

/**
 * Request bodies. Each names only the fields its caller may set: id, premium, status,
 * holder, partner and creation time are the service's, so none of them can be
 * mass-assigned.
 */
final class PolicyRequests {

	private PolicyRequests() {
	}

	/**
	 * Only the one spelling of a customer id (not C-01001 or full-width digits), which
	 * also keeps it safe to put into the path of the call to customer-service.
	 */
	record Create(
			@NotNull @Pattern(regexp = "C-" + PublicIds.DIGITS,
					message = "must be a customer id such as C-1001") String customerId,
			@NotNull Policy.Product product) {
	}

	record StatusChange(@NotNull Policy.Status status) {
	}

}
