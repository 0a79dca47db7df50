package dev.gatehouse.${package};

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A ${entity}, owned by the login that created it. */
@Entity
@Table(name = "${entity}")
class ${Entity} {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "${entity}_number")
	@SequenceGenerator(name = "${entity}_number", sequenceName = "${entity}_number_seq", allocationSize = 1)
	private Long number;

	@Column(nullable = false)
	private String owner;

	@Column(nullable = false)
	private String title;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	protected ${Entity}() {
	}

	${Entity}(String owner, String title) {
		this.owner = owner;
		this.title = title;
	}

	Long getNumber() {
		return this.number;
	}

	String getOwner() {
		return this.owner;
	}

	String getTitle() {
		return this.title;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
