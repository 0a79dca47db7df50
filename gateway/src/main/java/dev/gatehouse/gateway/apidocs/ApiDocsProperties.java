package dev.gatehouse.gateway.apidocs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The API descriptions the gateway publishes at {@code /api-docs}, under
 * {@code gatehouse.gateway.api-docs}.
 *
 * @param backendPath where each service publishes its OpenAPI description
 * @param cacheTtl how long a fetched description is reused
 * @param retryAfter how long a failed fetch, or a service that publishes no description,
 * is remembered before the next request tries again (without it a service without a
 * description would get a fetch with every checked request)
 * @param routes per gateway route id, the credentials it takes (the vocabulary of
 * gatehouse.yaml's {@code authorization.callers}); the description's security
 * requirements are derived from them. A route not listed is left out of the descriptions.
 * @param validation per route id, the methods whose requests are checked against the
 * description before routing ({@link RequestValidationFilter}); a route not listed: POST,
 * PUT and PATCH; an empty list turns checking off for the route
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.api-docs")
record ApiDocsProperties(@NotBlank String backendPath, @NotNull Duration cacheTtl, @NotNull Duration retryAfter,
		Map<String, List<String>> routes, Map<String, List<String>> validation) {

	static final Set<String> CREDENTIALS = Set.of("user-token", "client-token", "certificate-bound-token",
			"dpop-bound-token", "api-key", "client-certificate", "basic");

	ApiDocsProperties {
		backendPath = (backendPath != null) ? backendPath : "/v3/api-docs";
		cacheTtl = (cacheTtl != null) ? cacheTtl : Duration.ofMinutes(1);
		retryAfter = (retryAfter != null) ? retryAfter : Duration.ofSeconds(10);
		routes = (routes != null) ? routes : new LinkedHashMap<>();
		validation = (validation != null) ? validation : new LinkedHashMap<>();
	}

	@AssertTrue(message = "gatehouse.gateway.api-docs.routes: each route takes at least one of the credentials "
			+ "user-token, client-token, certificate-bound-token, dpop-bound-token, api-key, client-certificate, basic")
	boolean isCredentialsKnown() {
		return this.routes.values()
			.stream()
			.allMatch((credentials) -> credentials != null && !credentials.isEmpty()
					&& CREDENTIALS.containsAll(credentials));
	}

}
