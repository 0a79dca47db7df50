package dev.gatehouse.policy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Request bodies. Each names only the fields its caller may set: id, premium, status, holder,
 * partner and creation time are the service's, so none of them can be mass-assigned.
 */
final class PolicyRequests {

	private PolicyRequests() {
	}

	/** The pattern also keeps the id safe to put into the path of the call to customer-service. */
	record Create(
			@NotNull @Pattern(regexp = "C-[0-9]{1,18}", message = "must be a customer id such as C-1001") String customerId,
			@NotNull Policy.Product product) {
	}

	record StatusChange(@NotNull Policy.Status status) {
	}

}
