package dev.gatehouse.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request bodies. Each names only the fields its caller may set: id, status and creation
 * time are the service's, and only staff name an owner, so none of them can be
 * mass-assigned.
 */
final class CustomerRequests {

	private CustomerRequests() {
	}

	/** Staff (customer:write) open a record, optionally for a login that will own it. */
	record Create(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 200) String email,
			@Size(max = 100) @Pattern(regexp = "[a-z0-9._-]+", message = "must be a username") String owner) {
	}

	/** The fields a customer may change on their own record. */
	record Update(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 200) String email) {
	}

}
