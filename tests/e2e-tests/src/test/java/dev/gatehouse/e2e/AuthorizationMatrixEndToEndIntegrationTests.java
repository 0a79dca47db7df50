package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.test.TlsClient;
import dev.gatehouse.test.authorization.AuthorizationDeclaration;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Access;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.CallerKind;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Endpoint;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The authorization declared in gatehouse.yaml, against the running platform with real
 * Keycloak tokens: every kind of caller (each of its demo identities) on every endpoint
 * and method, on an object it owns, one it does not, another partner's, and a missing
 * one, through every gateway route that reaches the endpoint and directly at the backend.
 * Each row asserts the status and, when something is returned, the exact fields of the
 * declared view and that the ids returned are the caller's scope (a partner's list holds
 * exactly its partner's policies).
 * <p>
 * Through the gateway a caller without a credential the route takes gets the route's 401.
 * Directly at a backend, identities the gateway verifies itself (API key, certificate,
 * Basic) are the call the gateway makes for them (its own token and X-Gatehouse-Partner
 * or X-Gatehouse-Caller), and a certificate- or DPoP-bound token is refused as sent (401
 * unverifiable-token-binding) and accepted vouched for (the gateway's token and
 * X-Gatehouse-Bound-Token). Through the gateway the DPoP caller sends a new proof with
 * every request. Status changes act on a policy made for the row, customer changes are
 * put back, and created records only add to lists, so no row depends on another.
 */
@LauncherOnly("it calls every endpoint directly at the backends too, which compose does not publish, and uses acme-partner's certificate-bound token, which compose's HTTP-only Keycloak cannot issue")
@ExtendWith(RunningPlatform.class)
@WafChecked
class AuthorizationMatrixEndToEndIntegrationTests {

	static final AuthorizationDeclaration declaration = AuthorizationDeclaration.load();

	static final String ACME_API_KEY = "ghk_test_acme_0123456789abcdef";

	static final String OPS_BASIC = "Basic "
			+ Base64.getEncoder().encodeToString("ops:ops-pass".getBytes(StandardCharsets.UTF_8));

	static final JsonMapper json = JsonMapper.builder().build();

	static Platform platform;

	/** TLS trusting the dev CA, without and with partner acme's client certificate. */
	static HttpClient tls;

	static HttpClient tlsAsAcme;

	@BeforeAll
	static void platform(Platform running) {
		platform = running;
		tls = client(null);
		tlsAsAcme = client(PartnerCertificate.ACME.keyStore());
	}

	@TestFactory
	Stream<DynamicTest> everyCallerOnEveryEndpointGetsWhatGatehouseYamlDeclares() {
		Objects objects = Objects.read();
		List<DynamicTest> rows = new ArrayList<>();
		for (Endpoint endpoint : declaration.endpoints()) {
			for (CallerKind kind : declaration.callers().values()) {
				for (String member : kind.members()) {
					for (Target target : targets(endpoint, kind, member, objects)) {
						for (Way way : ways(endpoint, kind)) {
							int expected = expected(endpoint, kind, target, way);
							String name = endpoint.describe() + " as " + member + " (" + kind.name() + ")"
									+ ((target.id() != null) ? " on " + target.label() : "") + " " + way.label()
									+ " -> " + expected;
							rows.add(dynamicTest(name, () -> row(name, endpoint, kind, member, target, way, expected)));
						}
					}
				}
			}
		}
		return rows.stream();
	}

	/**
	 * Only the one spelling of an id finds the object: the others answer 404, through the
	 * gateway and directly.
	 */
	@TestFactory
	Stream<DynamicTest> otherSpellingsOfAnIdAre404() {
		Map<String, String> probes = new LinkedHashMap<>();
		probes.put("/api/customers/", "C-1001");
		probes.put("/api/policies/", "P-3001");
		List<DynamicTest> rows = new ArrayList<>();
		probes.forEach((prefix, id) -> {
			String service = prefix.startsWith("/api/customers") ? "customer-service" : "policy-service";
			String number = id.substring(2);
			String fullWidth = number.chars()
				.mapToObj((digit) -> percentEncoded((char) ('\uFF10' + digit - '0')))
				.reduce("", String::concat);
			for (String spelling : List.of(id.charAt(0) + "-0" + number, id.charAt(0) + "-" + fullWidth, "%20" + id,
					id + "%20", Character.toLowerCase(id.charAt(0)) + "-" + number, id.charAt(0) + "-%2B" + number)) {
				for (String base : List.of(platform.serviceUrl("gateway"), platform.serviceUrl(service))) {
					rows.add(dynamicTest("GET " + prefix + spelling + " at " + base + " -> 404", () -> {
						HttpResponse<String> response = Http
							.send(HttpRequest.newBuilder(URI.create(base + prefix + spelling))
								.header("Authorization", "Bearer " + RealTokens.of(platform, "dave")));
						assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
						assertThat(response.body()).contains("urn:gatehouse:problem:not-found");
					}));
				}
				rows.add(
						dynamicTest("GET " + prefix + id + " itself at the gateway -> 200",
								() -> assertThat(Http
									.get(platform.serviceUrl("gateway") + prefix + id, RealTokens.of(platform, "dave"))
									.statusCode()).isEqualTo(200)));
			}
		});
		return rows.stream();
	}

	private static String percentEncoded(char c) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
			encoded.append('%').append(String.format("%02X", b & 0xff));
		}
		return encoded.toString();
	}

	// ---------------------------------------------------------------- what each row
	// expects

	/** The status gatehouse.yaml gives this caller for this object on this way. */
	static int expected(Endpoint endpoint, CallerKind kind, Target target, Way way) {
		if (way.route() != null && !way.route().takes(kind.credential())) {
			return 401;
		}
		if (way.route() == null && isBound(kind) && !way.vouched()) {
			return 401;
		}
		Access access = endpoint.access(kind.name());
		if (access.refused()) {
			return access.status();
		}
		return target.inScope(access.scope()) ? access.status() : endpoint.absent();
	}

	static void row(String name, Endpoint endpoint, CallerKind kind, String member, Target target, Way way,
			int expected) {
		String id = (target.freshFor() != null) ? freshPolicy(target.freshFor()) : target.id();
		Restore restore = (endpoint.method().equals("PUT") && target.relation() != Relation.MISSING) ? Restore.of(id)
				: null;
		try {
			String path = (id != null) ? endpoint.path().replace("{id}", id) : endpoint.path();
			String body = (endpoint.body() != null)
					? json.writeValueAsString(endpoint.body()).replace("{id}", String.valueOf(id)) : null;
			String query = (endpoint.list() != null) ? "?size=100" : "";
			HttpResponse<String> response = send(endpoint, kind, member, way, path + query, body);
			assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(expected);
			if (expected >= 400) {
				assertThat(response.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				if (way.route() == null && isBound(kind) && !way.vouched()) {
					assertThat(response.body()).contains("urn:gatehouse:problem:unverifiable-token-binding");
				}
				return;
			}
			Access access = endpoint.access(kind.name());
			List<String> view = declaration.views().get(access.view());
			if (endpoint.list() != null) {
				assertListIsTheScope(name, endpoint, kind, member, way, path, response, view, access.scope());
			}
			else {
				JsonNode returned = json.readTree(response.body());
				assertThat(returned.propertyNames()).as(name + ": fields of " + access.view())
					.containsExactlyInAnyOrderElementsOf(view);
				assertTheObject(endpoint, member, id, returned);
			}
		}
		finally {
			if (restore != null) {
				restore.run();
			}
		}
	}

	/**
	 * Every page of the list: each item has exactly the view's fields; the ids are
	 * exactly the caller's scope.
	 */
	static void assertListIsTheScope(String name, Endpoint endpoint, CallerKind kind, String member, Way way,
			String path, HttpResponse<String> first, List<String> view, String scope) {
		Set<String> ids = new TreeSet<>();
		HttpResponse<String> page = first;
		for (int number = 1;; number++) {
			JsonNode body = json.readTree(page.body());
			assertThat(body.propertyNames()).containsExactlyInAnyOrder("content", "page");
			for (JsonNode item : body.path("content")) {
				assertThat(item.propertyNames()).as(name + ": fields of an item")
					.containsExactlyInAnyOrderElementsOf(view);
				ids.add(item.path("id").asString());
			}
			if (number >= body.path("page").path("totalPages").asInt()) {
				break;
			}
			page = send(endpoint, kind, member, way, path + "?size=100&page=" + number, null);
			assertThat(page.statusCode()).isEqualTo(200);
		}
		List<Map<String, String>> all = Objects.read().of(endpoint.list());
		Predicate<Map<String, String>> inScope = switch (scope) {
			case "all" -> (object) -> true;
			case "own" -> (object) -> member.equals(object.get("owner"));
			case "partner" -> (object) -> kind.partner().equals(object.get("partner"));
			default -> throw new IllegalStateException("A list needs a scope: " + endpoint.describe());
		};
		assertThat(ids).as(name + ": ids listed (" + scope + ")")
			.isEqualTo(new TreeSet<>(all.stream().filter(inScope).map((object) -> object.get("id")).toList()));
	}

	/**
	 * The object returned is the one asked for (or, for /me, the caller's own; for a
	 * creation, on the named customer).
	 */
	static void assertTheObject(Endpoint endpoint, String member, String id, JsonNode returned) {
		if (endpoint.path().endsWith("/me")) {
			assertThat(returned.path("owner").asString()).isEqualTo(member);
		}
		else if (endpoint.method().equals("POST") && endpoint.object() != null) {
			assertThat(returned.path("customerId").asString()).isEqualTo(id);
		}
		else if (endpoint.object() != null) {
			assertThat(returned.path("id").asString()).isEqualTo(id);
		}
	}

	// ---------------------------------------------------------------- objects and ways

	enum Relation {

		/** The endpoint names no object. */
		NONE,
		/** The caller's own record or policy; a partner's: sold through it. */
		OWNED,
		/** Someone else's (for a partner: a direct sale). */
		NOT_OWNED,
		/** Sold through another partner. */
		OTHER_PARTNER, MISSING

	}

	/**
	 * @param freshFor for status changes, the customer to make a new quote for, so the
	 * row does not depend on what earlier rows did to a policy; null to use {@code id}
	 */
	record Target(Relation relation, String id, String freshFor) {

		String label() {
			return ((this.freshFor != null) ? "a new quote for " + this.freshFor : this.id) + " ("
					+ this.relation.name().toLowerCase().replace('_', ' ') + ")";
		}

		boolean inScope(String scope) {
			return switch (this.relation) {
				case NONE, OWNED -> true;
				case NOT_OWNED, OTHER_PARTNER -> "all".equals(scope);
				case MISSING -> false;
			};
		}

	}

	/**
	 * The objects of each kind the caller is asked about, found in the platform's own
	 * data.
	 */
	static List<Target> targets(Endpoint endpoint, CallerKind kind, String member, Objects objects) {
		if (endpoint.object() == null) {
			return List.of(new Target(Relation.NONE, null, null));
		}
		List<Map<String, String>> all = objects.of(endpoint.object());
		boolean fresh = endpoint.method().equals("PATCH");
		String prefix = switch (endpoint.object()) {
			case "customer" -> "C-";
			case "policy" -> "P-";
			default -> "";
		};
		List<Target> targets = new ArrayList<>();
		Predicate<Map<String, String>> owned = (kind.partner() != null)
				? (object) -> kind.partner().equals(object.get("partner"))
				: (object) -> member.equals(object.get("owner"));
		Predicate<Map<String, String>> notOwned = (kind.partner() != null) ? (object) -> object.get("partner") == null
				: (object) -> object.get("owner") != null && !member.equals(object.get("owner"));
		first(all, owned).ifPresent((id) -> targets.add(new Target(Relation.OWNED, id,
				(fresh && kind.partner() == null) ? customerOf(objects, member) : null)));
		first(all, notOwned).ifPresent(
				(id) -> targets.add(new Target(Relation.NOT_OWNED, id, fresh ? customerWithoutLogin(objects) : null)));
		if (kind.partner() != null && endpoint.object().equals("policy")) {
			first(all, (object) -> object.get("partner") != null && !kind.partner().equals(object.get("partner")))
				.ifPresent((id) -> targets.add(new Target(Relation.OTHER_PARTNER, id, null)));
		}
		targets.add(new Target(Relation.MISSING, prefix + "999999999", null));
		return targets;
	}

	static Optional<String> first(List<Map<String, String>> objects, Predicate<Map<String, String>> test) {
		return objects.stream().filter(test).map((object) -> object.get("id")).findFirst();
	}

	static String customerOf(Objects objects, String member) {
		return first(objects.of("customer"), (customer) -> member.equals(customer.get("owner"))).orElseThrow();
	}

	static String customerWithoutLogin(Objects objects) {
		return first(objects.of("customer"), (customer) -> customer.get("owner") == null).orElseThrow();
	}

	/** A new quote for a customer, made directly by an underwriter. */
	static String freshPolicy(String customerId) {
		HttpResponse<String> created = Http.send("POST", platform.serviceUrl("policy-service") + "/api/policies",
				RealTokens.of(platform, "carol"), "{\"customerId\":\"" + customerId + "\",\"product\":\"TRAVEL\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body()).path("id").asString();
	}

	/**
	 * @param route the gateway route, or null for a direct call at the backend
	 * @param vouched directly, the certificate-bound token as the gateway passes it on
	 */
	record Way(String label, Route route, boolean vouched) {
	}

	static List<Way> ways(Endpoint endpoint, CallerKind kind) {
		List<Way> ways = new ArrayList<>();
		declaration.publicPaths(endpoint)
			.forEach((route, path) -> ways.add(new Way("via the gateway at " + path, route, false)));
		ways.add(new Way("directly at " + endpoint.service(), null, false));
		if (isBound(kind)) {
			ways.add(new Way("directly at " + endpoint.service() + ", vouched for by the gateway", null, true));
		}
		return ways;
	}

	static boolean isBound(CallerKind kind) {
		return kind.credential().equals("certificate-bound-token") || isDpop(kind);
	}

	static boolean isDpop(CallerKind kind) {
		return kind.credential().equals("dpop-bound-token");
	}

	// ---------------------------------------------------------------- requests

	/**
	 * The request as this caller makes it on this way; {@code servicePath} is the
	 * backend's path with ids filled in. A DPoP caller whose nonce is no longer current
	 * learns the new one from the 401 and sends the request again with a new proof, as a
	 * client does.
	 */
	static HttpResponse<String> send(Endpoint endpoint, CallerKind kind, String member, Way way, String servicePath,
			String body) {
		HttpResponse<String> response = sendOnce(endpoint, kind, member, way, servicePath, body);
		if (isDpop(kind) && way.route() != null && way.route().takes(kind.credential()) && response.statusCode() == 401
				&& response.body().contains("urn:gatehouse:problem:use-dpop-nonce")) {
			DpopTokens.useNonce(response.headers().firstValue("DPoP-Nonce").orElseThrow());
			response = sendOnce(endpoint, kind, member, way, servicePath, body);
		}
		return response;
	}

	static HttpResponse<String> sendOnce(Endpoint endpoint, CallerKind kind, String member, Way way, String servicePath,
			String body) {
		HttpRequest.Builder request;
		HttpClient client = null;
		if (way.route() != null) {
			boolean certificate = kind.credential().equals("client-certificate")
					|| (isBound(kind) && way.route().takes(kind.credential()));
			boolean overTls = certificate || way.route().tls();
			client = certificate ? tlsAsAcme : overTls ? tls : null;
			String base = overTls ? "https://localhost:" + platform.config().port("gateway-tls")
					: platform.serviceUrl("gateway");
			String url = base + publicPath(way, servicePath);
			request = HttpRequest.newBuilder(URI.create(url));
			switch (kind.credential()) {
				case "user-token", "client-token", "certificate-bound-token" ->
					request.header("Authorization", "Bearer " + RealTokens.of(platform, member));
				case "dpop-bound-token" -> {
					String token = RealTokens.of(platform, member);
					request.header("Authorization", "DPoP " + token)
						.header("DPoP", DpopTokens.proof(endpoint.method(), url, token));
				}
				case "api-key" -> request.header("x-api-key", ACME_API_KEY);
				case "basic" -> request.header("Authorization", OPS_BASIC);
				case "client-certificate" -> {
				}
				default -> throw new IllegalStateException("Unknown credential " + kind.credential());
			}
		}
		else {
			request = HttpRequest.newBuilder(URI.create(platform.serviceUrl(endpoint.service()) + servicePath));
			String gateway = "Bearer " + RealTokens.of(platform, "gatehouse-gateway");
			switch (kind.credential()) {
				case "user-token", "client-token" ->
					request.header("Authorization", "Bearer " + RealTokens.of(platform, member));
				case "certificate-bound-token", "dpop-bound-token" -> {
					if (way.vouched()) {
						request.header("Authorization", gateway)
							.header("X-Gatehouse-Bound-Token", RealTokens.of(platform, member));
					}
					else {
						request.header("Authorization", "Bearer " + RealTokens.of(platform, member));
					}
				}
				case "api-key", "client-certificate" ->
					request.header("Authorization", gateway).header("X-Gatehouse-Partner", kind.partner());
				case "basic" -> request.header("Authorization", gateway).header("X-Gatehouse-Caller", member);
				default -> throw new IllegalStateException("Unknown credential " + kind.credential());
			}
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(endpoint.method(),
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return (client != null) ? Http.send(client, request) : Http.send(request);
	}

	/**
	 * The public path of a backend path: the route's prefix in place of the backend's.
	 */
	static String publicPath(Way way, String servicePath) {
		Route route = way.route();
		return (route.rewriteFrom() != null) ? route.rewriteFrom() + servicePath.substring(route.rewriteTo().length())
				: servicePath;
	}

	static HttpClient client(String keyStore) {
		return HttpClient.newBuilder()
			.sslContext(TlsClient.sslContext(platform.config().pkiDirectory(), keyStore))
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	// ---------------------------------------------------------------- the platform's
	// data

	/**
	 * Every customer (id, owner) and policy (id, owner = holder, partner), as the auditor
	 * reads them directly.
	 */
	record Objects(Map<String, List<Map<String, String>>> kinds) {

		/**
		 * Customers and policies as the auditor sees them; the records of a service
		 * new-service made (their owner in {@code owner}) as the first person its list
		 * endpoint shows every one to, none when nobody may.
		 */
		static Objects read() {
			Map<String, List<Map<String, String>>> kinds = new LinkedHashMap<>();
			kinds.put("customer", all("customer-service", "/api/customers", "owner", "dave"));
			kinds.put("policy", all("policy-service", "/api/policies", "holder", "dave"));
			for (Endpoint endpoint : declaration.endpoints()) {
				if (endpoint.list() != null && !kinds.containsKey(endpoint.list())) {
					kinds.put(endpoint.list(),
							readerOfAll(endpoint)
								.map((reader) -> all(endpoint.service(), endpoint.path(), "owner", reader))
								.orElse(List.of()));
				}
			}
			return new Objects(kinds);
		}

		List<Map<String, String>> of(String kind) {
			return this.kinds.getOrDefault(kind, List.of());
		}

		private static Optional<String> readerOfAll(Endpoint endpoint) {
			return declaration.callers()
				.values()
				.stream()
				.filter((kind) -> kind.credential().equals("user-token"))
				.filter((kind) -> "all".equals(endpoint.access(kind.name()).scope()))
				.map((kind) -> kind.members().get(0))
				.findFirst();
		}

		private static List<Map<String, String>> all(String service, String path, String ownerField, String reader) {
			List<Map<String, String>> objects = new ArrayList<>();
			for (int page = 0;; page++) {
				HttpResponse<String> response = Http.get(platform.serviceUrl(service) + path + "?size=100&page=" + page,
						RealTokens.of(platform, reader));
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				JsonNode body = json.readTree(response.body());
				for (JsonNode item : body.path("content")) {
					Map<String, String> object = new LinkedHashMap<>();
					object.put("id", item.path("id").asString());
					object.put("owner", item.path(ownerField).isNull() ? null : item.path(ownerField).asString());
					object.put("partner", item.path("partner").isMissingNode() || item.path("partner").isNull() ? null
							: item.path("partner").asString());
					objects.add(object);
				}
				if (page + 1 >= body.path("page").path("totalPages").asInt()) {
					return objects;
				}
			}
		}

	}

	/**
	 * Puts a customer record's name and email back after a row that may have changed
	 * them.
	 */
	record Restore(String id, String name, String email) {

		static Restore of(String id) {
			HttpResponse<String> original = Http.get(platform.serviceUrl("customer-service") + "/api/customers/" + id,
					RealTokens.of(platform, "dave"));
			assertThat(original.statusCode()).isEqualTo(200);
			JsonNode customer = json.readTree(original.body());
			return new Restore(id, customer.path("name").asString(), customer.path("email").asString());
		}

		void run() {
			Map<String, String> values = Map.of("name", this.name, "email", this.email);
			HttpResponse<String> restored = Http.send("PUT",
					platform.serviceUrl("customer-service") + "/api/customers/" + this.id,
					RealTokens.of(platform, "bob"), json.writeValueAsString(values));
			assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
		}

	}

}
