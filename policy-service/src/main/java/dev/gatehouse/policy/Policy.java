package dev.gatehouse.policy;

import java.math.BigDecimal;
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
@Table(name = "policy")
class Policy {

	static final String ID_PREFIX = "P-";

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "policy_number")
	@SequenceGenerator(name = "policy_number", sequenceName = "policy_number_seq", allocationSize = 1)
	private Long number;

	@Column(name = "customer_id", nullable = false)
	private String customerId;

	/**
	 * The login owning the customer record when the policy was created (copied from
	 * customer-service), or null for customers without a login.
	 */
	@Column(name = "holder")
	private String holder;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Product product;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Status status = Status.QUOTED;

	@Column(nullable = false, precision = 12, scale = 2)
	private BigDecimal premium;

	/**
	 * The partner that sold the policy ({@code acme}, {@code globex}), or null for direct
	 * sales.
	 */
	@Column(name = "partner")
	private String partner;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@Version
	private long version;

	protected Policy() {
	}

	/** A new quote; the premium is the service's, never the caller's. */
	Policy(String customerId, String holder, Product product, String partner) {
		this.customerId = customerId;
		this.holder = holder;
		this.product = product;
		this.premium = product.premium();
		this.partner = partner;
	}

	/** The public id, e.g. {@code P-3001}. */
	String getId() {
		return ID_PREFIX + this.number;
	}

	/**
	 * The sequence number of a public id in its one spelling ({@code P-3001}), or null.
	 */
	static Long number(String id) {
		return PublicIds.number(ID_PREFIX, id);
	}

	boolean isHeldBy(String username) {
		return this.holder != null && this.holder.equals(username);
	}

	boolean isSoldBy(String partner) {
		return this.partner != null && this.partner.equals(partner);
	}

	String getCustomerId() {
		return this.customerId;
	}

	String getHolder() {
		return this.holder;
	}

	Product getProduct() {
		return this.product;
	}

	Status getStatus() {
		return this.status;
	}

	BigDecimal getPremium() {
		return this.premium;
	}

	String getPartner() {
		return this.partner;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * Callers check {@link Status#canMoveTo} first; this refuses anything else as a
	 * programming error.
	 */
	void moveTo(Status next) {
		if (!this.status.canMoveTo(next)) {
			throw new IllegalStateException("Policy " + getId() + " cannot move from " + this.status + " to " + next);
		}
		this.status = next;
	}

	enum Status {

		QUOTED, APPROVED, REJECTED, CANCELLED;

		/**
		 * A quote is decided or withdrawn; an approved policy can still be cancelled; the
		 * rest is final.
		 */
		boolean canMoveTo(Status next) {
			return switch (this) {
				case QUOTED -> next != QUOTED;
				case APPROVED -> next == CANCELLED;
				case REJECTED, CANCELLED -> false;
			};
		}

	}

	/**
	 * What we sell, with the yearly premium quoted for it: a fixed tariff stands in for
	 * real rating.
	 */
	enum Product {

		HOME("480.00"), AUTO("720.00"), TRAVEL("95.00");

		private final BigDecimal premium;

		Product(String premium) {
			this.premium = new BigDecimal(premium);
		}

		BigDecimal premium() {
			return this.premium;
		}

	}

}
