package dev.gatehouse.security.reactive;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest WebFlux application using the starter, to test the reactive
 * auto-configuration.
 */
@SpringBootApplication
class ReactiveThingsApplication {

	@RestController
	static class ThingsController {

		@GetMapping("/api/things")
		Mono<Map<String, Object>> list(Authentication caller) {
			return Mono.just(Map.of("caller", caller.getName(), "authorities",
					caller.getAuthorities().stream().map((a) -> a.getAuthority()).sorted().toList()));
		}

	}

}
