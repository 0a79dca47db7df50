package dev.gatehouse.gateway.apidocs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Checks a request against its service's OpenAPI description before it is routed, for the
 * methods {@code gatehouse.gateway.api-docs.validation} names per route (POST, PUT and
 * PATCH unless a route says otherwise): path and query parameters, the body's content
 * type, that the body is JSON, and the body against the operation's schema (networknt
 * json-schema-validator with its OpenAPI 3.1 dialect, which resolves the description's
 * own {@code $ref}s); a refusal is a 400 (415 for the content type) problem whose
 * {@code errors} name each failing field, and the service never sees the request. Formats
 * (such as email) are annotations only here, as JSON Schema 2020-12 has them: the
 * service's own validation decides those, and everything again. When the description
 * cannot be fetched the request goes on unchecked to the service, which validates it
 * anyway.
 */
class RequestValidationFilter implements GlobalFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(RequestValidationFilter.class);

	static final List<String> DEFAULT_METHODS = List.of("POST", "PUT", "PATCH");

	private final ServiceDescriptions descriptions;

	private final Map<String, List<String>> validation;

	private final ReactiveProblemResponses problems;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());

	private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

	private final Map<String, PublicRoute> publicRoutes = new HashMap<>();

	RequestValidationFilter(ServiceDescriptions descriptions, Map<String, List<String>> validation,
			ReactiveProblemResponses problems) {
		this.descriptions = descriptions;
		this.validation = validation;
		this.problems = problems;
		for (String service : descriptions.routes().services().keySet()) {
			for (PublicRoute route : descriptions.routesOf(service)) {
				this.publicRoutes.putIfAbsent(route.id(), route);
			}
		}
	}

	/**
	 * After the route is chosen, before any route filter (rate limit, circuit breaker) or
	 * the backend.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String method = exchange.getRequest().getMethod().name();
		PublicRoute publicRoute = (route != null) ? this.publicRoutes.get(route.getId()) : null;
		if (publicRoute == null || !this.validation.getOrDefault(route.getId(), DEFAULT_METHODS).contains(method)) {
			return chain.filter(exchange);
		}
		return this.descriptions.of(publicRoute.service()).map(Optional::of).onErrorResume((error) -> {
			log.warn("Requests to {} go unchecked: its API description could not be fetched: {}", publicRoute.service(),
					error.toString());
			return Mono.just(Optional.empty());
		}).defaultIfEmpty(Optional.empty()).flatMap((description) -> description.map((document) -> {
			Compiled compiled = compiled(publicRoute.service(), document);
			return operation(compiled, publicRoute, exchange, method)
				.map((operation) -> validate(exchange, chain, compiled, operation))
				.orElseGet(() -> chain.filter(exchange));
		}).orElseGet(() -> chain.filter(exchange)));
	}

	/**
	 * The operation of the most specific public path template the request's path matches.
	 */
	private static Optional<Match> operation(Compiled description, PublicRoute route, ServerWebExchange exchange,
			String method) {
		PathContainer path = PathContainer.parsePath(exchange.getRequest().getPath().value());
		Match best = null;
		for (Candidate candidate : description.candidates(route, method)) {
			PathPattern.PathMatchInfo matched = candidate.pattern().matchAndExtract(path);
			if (matched != null && (best == null
					|| PathPattern.SPECIFICITY_COMPARATOR.compare(candidate.pattern(), best.pattern()) < 0)) {
				best = new Match(candidate.pattern(), candidate.operation(), matched.getUriVariables());
			}
		}
		return Optional.ofNullable(best);
	}

	private Compiled compiled(String service, JsonNode document) {
		Compiled current = this.compiled.get(service);
		if (current != null && current.document() == document) {
			return current;
		}
		return this.compiled.compute(service,
				(name, latest) -> (latest != null && latest.document() == document) ? latest : new Compiled(document,
						Collections.synchronizedMap(new IdentityHashMap<>()), new ConcurrentHashMap<>()));
	}

	private Mono<Void> validate(ServerWebExchange exchange, GatewayFilterChain chain, Compiled description,
			Match match) {
		JsonNode operation = match.operation();
		List<Map<String, String>> parameterErrors = parameterErrors(description, match, exchange);
		JsonNode content = operation.path("requestBody").path("content");
		if (!content.isObject() || content.isEmpty()) {
			return parameterErrors.isEmpty() ? chain.filter(exchange) : invalid(exchange, parameterErrors);
		}
		MediaType contentType = exchange.getRequest().getHeaders().getContentType();
		String accepted = content.propertyNames()
			.stream()
			.filter((type) -> contentType != null && MediaType.parseMediaType(type).includes(contentType))
			.findFirst()
			.orElse(null);
		if (accepted == null) {
			return refuse(exchange, GatewayProblem.UNSUPPORTED_MEDIA_TYPE,
					"Send the body as " + String.join(" or ", content.propertyNames())
							+ " with a matching Content-Type.",
					List.of(error("Content-Type", "must be " + String.join(" or ", content.propertyNames()))));
		}
		JsonNode schema = content.path(accepted).path("schema");
		boolean required = operation.path("requestBody").path("required").asBoolean(false);
		return ServerWebExchangeUtils.cacheRequestBodyAndRequest(exchange, (request) -> {
			DataBuffer cached = exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
			String body = (cached != null) ? cached.toString(StandardCharsets.UTF_8) : "";
			List<Map<String, String>> errors = new ArrayList<>(parameterErrors);
			if (body.isBlank()) {
				if (required) {
					errors.add(error("body", "is required"));
				}
			}
			else {
				JsonNode instance;
				try {
					instance = this.json.readTree(body);
				}
				catch (JacksonException ex) {
					return refuse(exchange, GatewayProblem.MALFORMED_BODY, "The body is not valid JSON.",
							List.of(error("body", "is not valid JSON")));
				}
				if (schema.isObject()) {
					for (Error error : schema(description, schema).validate(instance)) {
						errors.add(error(field(error), message(error)));
					}
				}
			}
			if (!errors.isEmpty()) {
				return invalid(exchange, errors);
			}
			return chain.filter(exchange.mutate().request(request).build());
		});
	}

	/**
	 * Path and query parameters against their schemas, each value typed as its schema
	 * says (a query string has only text); headers and cookies are left to the service.
	 */
	private List<Map<String, String>> parameterErrors(Compiled description, Match match, ServerWebExchange exchange) {
		List<Map<String, String>> errors = new ArrayList<>();
		MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
		for (JsonNode parameter : match.operation().path("parameters")) {
			String name = parameter.path("name").asString("");
			List<String> values = switch (parameter.path("in").asString("")) {
				case "path" -> match.variables().containsKey(name) ? List.of(match.variables().get(name)) : List.of();
				case "query" -> query.getOrDefault(name, List.of());
				default -> null;
			};
			if (values == null) {
				continue;
			}
			if (values.isEmpty()) {
				if (parameter.path("required").asBoolean(false)) {
					errors.add(error(name, "is required"));
				}
				continue;
			}
			JsonNode schema = parameter.path("schema");
			if (schema.isObject()) {
				for (Error error : schema(description, schema)
					.validate(typed(description.document(), schema, values))) {
					errors.add(error(name, message(error)));
				}
			}
		}
		return errors;
	}

	/**
	 * The text of a parameter as the JSON value its schema describes, or as text when it
	 * is none.
	 */
	private static JsonNode typed(JsonNode document, JsonNode schema, List<String> values) {
		JsonNode resolved = schema.has("$ref") ? document.at(schema.path("$ref").asString("").replaceFirst("^#", ""))
				: schema;
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		String type = resolved.path("type").isArray() ? resolved.path("type").path(0).asString("")
				: resolved.path("type").asString("");
		if (type.equals("array")) {
			ArrayNode array = nodes.arrayNode();
			values.forEach((value) -> array.add(typed(document, resolved.path("items"), List.of(value))));
			return array;
		}
		String value = values.get(0);
		try {
			return switch (type) {
				case "integer" -> nodes.numberNode(new BigInteger(value));
				case "number" -> nodes.numberNode(new BigDecimal(value));
				case "boolean" -> (value.equals("true") || value.equals("false"))
						? nodes.booleanNode(Boolean.parseBoolean(value)) : nodes.stringNode(value);
				default -> nodes.stringNode(value);
			};
		}
		catch (NumberFormatException ex) {
			return nodes.stringNode(value);
		}
	}

	private Mono<Void> invalid(ServerWebExchange exchange, List<Map<String, String>> errors) {
		return refuse(
				exchange, GatewayProblem.REQUEST_INVALID, "The request does not match the API description: " + String
					.join(", ", errors.stream().map((e) -> e.get("field") + " " + e.get("message")).toList()) + ".",
				errors);
	}

	/**
	 * The schema compiled with the description's components beside it, so its
	 * {@code $ref}s resolve; once per schema of a fetched description, as compiling
	 * copies every component and builds a validator, far more work than validating one
	 * request.
	 */
	private Schema schema(Compiled description, JsonNode schema) {
		return description.schemas().computeIfAbsent(schema, (node) -> {
			ObjectNode root = JsonNodeFactory.instance.objectNode();
			root.setAll(((ObjectNode) node).deepCopy());
			root.set("components", description.document().path("components").deepCopy());
			return this.schemas.getSchema(root);
		});
	}

	/**
	 * The failing field as the request names it, dotted ({@code address.city},
	 * {@code items.0}): the missing property, or the value's location (a JSON pointer).
	 */
	private static String field(Error error) {
		String location = dotted(error.getInstanceLocation().toString());
		if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
			return location.isEmpty() ? error.getProperty() : location + "." + error.getProperty();
		}
		return location.isEmpty() ? "body" : location;
	}

	private static String dotted(String pointer) {
		List<String> names = new ArrayList<>();
		for (String segment : pointer.replaceFirst("^[$#]?/?", "").split("/")) {
			if (!segment.isEmpty()) {
				names.add(segment.replace("~1", "/").replace("~0", "~"));
			}
		}
		return String.join(".", names);
	}

	private static String message(Error error) {
		String message = error.getMessage();
		String prefix = error.getInstanceLocation().toString() + ": ";
		return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
	}

	/**
	 * A service's description as last fetched, the schemas compiled from it, by node
	 * identity (equal schemas of different operations are compiled once each), and per
	 * route and method the operations with their public path patterns; a description
	 * fetched again after its cache-ttl is a new document and starts afresh.
	 */
	private record Compiled(JsonNode document, Map<JsonNode, Schema> schemas, Map<String, List<Candidate>> operations) {

		/**
		 * The operations of this method that the route reaches, each under its public
		 * path pattern: worked out once, as mapping a service path to the route's public
		 * one rewrites and parses paths, far more work than matching one request.
		 */
		List<Candidate> candidates(PublicRoute route, String method) {
			return this.operations.computeIfAbsent(route.id() + " " + method, (key) -> {
				List<Candidate> candidates = new ArrayList<>();
				for (Map.Entry<String, JsonNode> item : this.document.path("paths").properties()) {
					JsonNode operation = item.getValue().path(method.toLowerCase(Locale.ROOT));
					if (operation.isObject()) {
						route.publicPath(item.getKey())
							.ifPresent((publicPath) -> candidates
								.add(new Candidate(PathPatternParser.defaultInstance.parse(publicPath), operation)));
					}
				}
				return List.copyOf(candidates);
			});
		}

	}

	private record Candidate(PathPattern pattern, JsonNode operation) {
	}

	private record Match(PathPattern pattern, JsonNode operation, Map<String, String> variables) {
	}

	private static Map<String, String> error(String field, String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

	private Mono<Void> refuse(ServerWebExchange exchange, GatewayProblem refusal, String detail,
			List<Map<String, String>> errors) {
		ProblemDetail problem = refusal.with(detail);
		problem.setProperty("errors", errors);
		return this.problems.write(exchange, problem);
	}

}
