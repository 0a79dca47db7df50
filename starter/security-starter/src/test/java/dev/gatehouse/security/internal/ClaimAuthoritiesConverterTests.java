package dev.gatehouse.security.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.gatehouse.security.GatehouseSecurityProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role mapping for the three identity providers docs/security-starter.md documents,
 * configured exactly as the page shows (the YAML keys are bound here through Spring
 * Boot's binder).
 */
class ClaimAuthoritiesConverterTests {

	@Test
	void keycloakDefaultsReadRealmRolesClientRolesOfTheAudienceAndTheCallingClient() {
		GatehouseSecurityProperties properties = bind(Map.of("gatehouse.security.issuer-uri", "http://kc/realms/x"));
		Jwt jwt = jwt(Map.of("azp", "gatehouse-gateway", "realm_access",
				Map.of("roles", List.of("agent", "customer:read")), "resource_access", Map.of("gatehouse-api",
						Map.of("roles", List.of("export")), "other-client", Map.of("roles", List.of("admin")))));

		assertThat(names(new ClaimAuthoritiesConverter(properties.effectiveAuthorities()).convert(jwt)))
			.containsExactlyInAnyOrder("agent", "customer:read", "export", "client:gatehouse-gateway");
	}

	@Test
	void entraIdAppRolesAndSpaceSeparatedScopesAreMapped() {
		GatehouseSecurityProperties properties = bind(
				Map.of("gatehouse.security.issuer-uri", "https://login/tenant/v2.0",
						"gatehouse.security.authorities[0].claim", "roles", "gatehouse.security.authorities[1].claim",
						"scp", "gatehouse.security.authorities[1].prefix", "SCOPE_"));
		Jwt jwt = jwt(Map.of("roles", List.of("customer:read"), "scp", "Customers.Read Policies.Read"));

		assertThat(names(new ClaimAuthoritiesConverter(properties.effectiveAuthorities()).convert(jwt)))
			.containsExactlyInAnyOrder("customer:read", "SCOPE_Customers.Read", "SCOPE_Policies.Read");
	}

	@Test
	void oktaGroupsAndScopeArrayAreMapped() {
		GatehouseSecurityProperties properties = bind(
				Map.of("gatehouse.security.issuer-uri", "https://okta/oauth2/default",
						"gatehouse.security.authorities[0].claim", "groups", "gatehouse.security.authorities[1].claim",
						"scp", "gatehouse.security.authorities[1].prefix", "SCOPE_"));
		Jwt jwt = jwt(Map.of("groups", List.of("agent"), "scp", List.of("customers.read")));

		assertThat(names(new ClaimAuthoritiesConverter(properties.effectiveAuthorities()).convert(jwt)))
			.containsExactlyInAnyOrder("agent", "SCOPE_customers.read");
	}

	@Test
	void missingOrOddlyShapedClaimsGiveNoAuthoritiesRatherThanAnError() {
		ClaimAuthoritiesConverter converter = new ClaimAuthoritiesConverter(
				List.of(new GatehouseSecurityProperties.AuthorityClaim("realm_access.roles", null)));

		assertThat(converter.convert(jwt(Map.of("realm_access", "not-an-object")))).isEmpty();
		assertThat(converter.convert(jwt(Map.of("other", 1)))).isEmpty();
	}

	private static GatehouseSecurityProperties bind(Map<String, String> yaml) {
		return new Binder(new MapConfigurationPropertySource(yaml))
			.bind("gatehouse.security", GatehouseSecurityProperties.class)
			.get();
	}

	private static Jwt jwt(Map<String, Object> claims) {
		Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now());
		claims.forEach(builder::claim);
		return builder.build();
	}

	private static List<String> names(java.util.Collection<GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).toList();
	}

}
