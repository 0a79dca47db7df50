package dev.gatehouse.customer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.gatehouse.security.PublicIds;

@Entity
@Table(name = "customer")
class Customer {

	static final String ID_PREFIX = "C-";

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_number")
	@SequenceGenerator(name = "customer_number", sequenceName = "customer_number_seq", allocationSize = 1)
	private Long number;

	/**
	 * The login that owns this record (the {@code customer} persona), or null for offline
	 * customers.
	 */
	@Column(name = "owner")
	private String owner;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String email;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Status status = Status.ACTIVE;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@Version
	private long version;

	protected Customer() {
	}

	Customer(String owner, String name, String email) {
		this.owner = owner;
		this.name = name;
		this.email = email;
	}

	/** The public id, e.g. {@code C-1001}. */
	String getId() {
		return ID_PREFIX + this.number;
	}

	/**
	 * The sequence number of a public id in its one spelling ({@code C-1001}), or null.
	 */
	static Long number(String id) {
		return PublicIds.number(ID_PREFIX, id);
	}

	boolean isOwnedBy(String username) {
		return this.owner != null && this.owner.equals(username);
	}

	String getOwner() {
		return this.owner;
	}

	String getName() {
		return this.name;
	}

	String getEmail() {
		return this.email;
	}

	Status getStatus() {
		return this.status;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	void update(String name, String email) {
		this.name = name;
		this.email = email;
	}

	enum Status {

		ACTIVE, SUSPENDED

	}

}
