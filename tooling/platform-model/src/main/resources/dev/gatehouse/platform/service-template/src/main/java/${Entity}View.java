package dev.gatehouse.${package};

import java.time.Instant;

/** What the API shows of a ${entity}. */
record ${Entity}View(String id, String owner, String title, Instant createdAt) {

	static ${Entity}View of(${Entity} ${entity}) {
		return new ${Entity}View(String.valueOf(${entity}.getNumber()), ${entity}.getOwner(), ${entity}.getTitle(),
				${entity}.getCreatedAt());
	}

}
