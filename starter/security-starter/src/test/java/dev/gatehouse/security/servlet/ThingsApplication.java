package dev.gatehouse.security.servlet;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The smallest service that uses the starter, to test what the starter alone gives. */
@SpringBootApplication
class ThingsApplication {

	@RestController
	static class ThingsController {

		@GetMapping("/api/things")
		Map<String, Object> list(Authentication caller) {
			return Map.of("caller", caller.getName(), "authorities",
					caller.getAuthorities().stream().map((a) -> a.getAuthority()).sorted().toList());
		}

		/**
		 * Who the service believes called, with what authorities: after any gateway
		 * vouching.
		 */
		@GetMapping("/api/whoami")
		Map<String, Object> whoami(Authentication caller) {
			return list(caller);
		}

		@PostMapping("/api/things")
		Map<String, String> create(@Valid @RequestBody Thing thing) {
			return Map.of("name", thing.name());
		}

		@PostMapping("/api/things/race")
		String race() {
			throw new OptimisticLockingFailureException("Row was updated or deleted by another transaction");
		}

		@GetMapping("/api/boom")
		String boom() {
			throw new IllegalStateException("jdbc:postgresql://db.internal:5432/secret failed");
		}

	}

	record Thing(@NotBlank String name) {
	}

}
