package dev.gatehouse.customer;

import java.time.Instant;

/** What the API shows of a customer. */
record CustomerView(String id, String owner, String name, String email, Customer.Status status, Instant createdAt) {

	static CustomerView of(Customer customer) {
		return new CustomerView(customer.getId(), customer.getOwner(), customer.getName(), customer.getEmail(),
				customer.getStatus(), customer.getCreatedAt());
	}

}
