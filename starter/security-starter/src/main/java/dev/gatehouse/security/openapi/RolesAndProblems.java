package dev.gatehouse.security.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.GatehouseSecurityProperties.AccessRule;

import static dev.gatehouse.security.openapi.ApiDescriptions.ANY_AUTHORITY;
import static dev.gatehouse.security.openapi.ApiDescriptions.PROBLEM_JSON;
import static dev.gatehouse.security.openapi.ApiDescriptions.PROBLEM_SCHEMA;

/**
 * What springdoc cannot read from the controllers. The roles of each operation come from
 * the rules the service's security chain enforces ({@code gatehouse.security.rules},
 * first match wins, as there), which the tests hold to gatehouse.yaml; no second list is
 * kept. Every error status an operation can answer is described with the RFC 9457 problem
 * body the starter writes, and the security schemes name the realm's endpoints under the
 * configured issuer.
 */
class RolesAndProblems implements OpenApiCustomizer {

	/** Statuses every operation can answer, whatever it does. */
	private static final Map<String, String> ALWAYS = statuses("400",
			"The request is malformed: characters in the path or headers the API does not accept, or a parameter of the wrong type.",
			"401",
			"No token, or one that is malformed, expired, for another audience or issuer, or sender-constrained (mTLS or DPoP bound) "
					+ "but sent without the gateway; WWW-Authenticate and the problem's type say which.",
			"403", "The token lacks every role this operation admits, or this kind of caller may not use it.", "500",
			"An unexpected error; the trace id finds it in the logs.", "503",
			"The token could not be checked because the issuer's signing keys are unreachable; retry after Retry-After.");

	private static final Map<String, String> WITH_PATH_VARIABLE = statuses("404",
			"No such object, or one outside the caller's scope: both answer alike, so ids cannot be probed.");

	private static final Map<String, String> WITH_BODY = statuses("400",
			"The body is not valid JSON, names a field the request does not take, or fails validation: `errors` names each field and what is wrong.",
			"413", "The body is larger than the service accepts.", "415",
			"The body's Content-Type is not application/json.");

	private static final Map<String, String> WRITES = statuses("409",
			"The object changed concurrently or its state does not allow the change; read it again and retry.");

	private static final Set<PathItem.HttpMethod> WRITE_METHODS = Set.of(PathItem.HttpMethod.POST,
			PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH);

	private final GatehouseSecurityProperties properties;

	RolesAndProblems(GatehouseSecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components);
		components.addSchemas(PROBLEM_SCHEMA, problemSchema());
		securitySchemes(components);
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> describe(path, method, operation)));
	}

	private void describe(String path, PathItem.HttpMethod method, Operation operation) {
		List<String> roles = anyAuthority(method, path);
		operation.addExtension(ANY_AUTHORITY, roles);
		String needs = ApiDescriptions.rolesSentence(roles);
		operation
			.setDescription((operation.getDescription() != null) ? operation.getDescription() + "\n\n" + needs : needs);
		operation.setSecurity(List.of(new SecurityRequirement().addList(ApiDescriptions.OAUTH2)));
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		Map<String, String> problems = new LinkedHashMap<>(ALWAYS);
		if (path.contains("{")) {
			problems.putAll(WITH_PATH_VARIABLE);
		}
		if (operation.getRequestBody() != null) {
			problems.putAll(WITH_BODY);
		}
		if (WRITE_METHODS.contains(method)) {
			problems.putAll(WRITES);
		}
		problems.forEach((status, description) -> responses.computeIfAbsent(status,
				(key) -> new ApiResponse().description(description)));
		// Statuses a controller declares itself (e.g. 422) have the same body.
		responses.forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				response.setContent(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
			}
		});
	}

	/**
	 * The first rule matching the operation, as the security chain picks it for a
	 * request.
	 */
	private List<String> anyAuthority(PathItem.HttpMethod method, String pathTemplate) {
		PathContainer path = PathContainer.parsePath(pathTemplate);
		for (AccessRule rule : this.properties.getRules()) {
			boolean methodMatches = rule.methodsOrAll().isEmpty()
					|| rule.methodsOrAll().stream().anyMatch((m) -> m.equalsIgnoreCase(method.name()));
			if (methodMatches && PathPatternParser.defaultInstance.parse(rule.pattern()).matches(path)) {
				return List.copyOf(rule.anyAuthority());
			}
		}
		return List.of();
	}

	/** The body {@code Problems} and the problem responses of the starter write. */
	private static Schema<?> problemSchema() {
		Schema<?> fieldError = object().addProperty("field", string("The field, as named in the request."))
			.addProperty("message", string("What is wrong with it."));
		return object().description("RFC 9457 problem details: what went wrong and what to fix.")
			.addProperty("type",
					string("The cause, a URN such as urn:gatehouse:problem:expired-token.").format("uri-reference"))
			.addProperty("title", string("A short summary of the cause."))
			.addProperty("status", new JsonSchema().types(Set.of("integer")).description("The HTTP status."))
			.addProperty("detail", string("What happened and what to do about it."))
			.addProperty("instance", string("The request path.").format("uri-reference"))
			.addProperty("traceId", string("The trace id of the request, also in the logs."))
			.addProperty("errors",
					new JsonSchema().types(Set.of("array"))
						.items(fieldError)
						.description("The invalid fields, for validation failures."))
			.required(new ArrayList<>(List.of("type", "title", "status")));
	}

	/**
	 * The realm's endpoints follow Keycloak's layout under the issuer, as the key set's
	 * default location does ({@link GatehouseSecurityProperties#effectiveJwkSetUri()}).
	 */
	private void securitySchemes(Components components) {
		String issuer = this.properties.getIssuerUri().toString().replaceAll("/+$", "");
		String tokenUrl = issuer + "/protocol/openid-connect/token";
		components.addSecuritySchemes(ApiDescriptions.OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
			.description("Access tokens of the realm " + issuer + ". People: Authorization Code with PKCE (S256 "
					+ "required). Systems: client credentials. Tokens bound to a client certificate (RFC 8705) or a DPoP "
					+ "key (RFC 9449) are accepted only through the gateway, which checks the binding.")
			.flows(new OAuthFlows()
				.authorizationCode(new OAuthFlow().authorizationUrl(issuer + "/protocol/openid-connect/auth")
					.tokenUrl(tokenUrl)
					.refreshUrl(tokenUrl)
					.scopes(new Scopes()))
				.clientCredentials(new OAuthFlow().tokenUrl(tokenUrl).scopes(new Scopes()))));
		components.addSecuritySchemes(ApiDescriptions.API_KEY,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name(ApiDescriptions.API_KEY_HEADER)
					.description("A partner's API key, checked by the gateway on the partner routes."));
		components.addSecuritySchemes(ApiDescriptions.MUTUAL_TLS, new SecurityScheme()
			.type(SecurityScheme.Type.MUTUALTLS)
			.description(
					"A client certificate: a partner's at the gateway's TLS listener, or the one a certificate-bound "
							+ "token is bound to."));
		components.addSecuritySchemes(ApiDescriptions.BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("basic")
			.description(
					"An operator's user name and password, checked by the gateway over TLS on the internal routes."));
	}

	private static Schema<?> object() {
		return new JsonSchema().types(Set.of("object"));
	}

	private static Schema<?> string(String description) {
		return new JsonSchema().types(Set.of("string")).description(description);
	}

	private static Map<String, String> statuses(String... statusAndDescription) {
		Map<String, String> statuses = new LinkedHashMap<>();
		for (int i = 0; i < statusAndDescription.length; i += 2) {
			statuses.put(statusAndDescription[i], statusAndDescription[i + 1]);
		}
		return statuses;
	}

}
