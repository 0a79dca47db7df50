package dev.gatehouse.gateway.portal;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The portal's own page (static HTML, script and style, no framework) and what it asks
 * the gateway about the session: who is signed in and the CSRF token for writes, never a
 * token of Keycloak's.
 */
final class PortalPages {

	/** Open to anyone: the page shows a sign-in link until someone is signed in. */
	static final String[] PUBLIC = { "/portal", "/portal/", "/portal/portal.js", "/portal/portal.css" };

	private static final ClassPathResource INDEX = new ClassPathResource("portal/index.html");

	private PortalPages() {
	}

	static RouterFunction<ServerResponse> routes() {
		return RouterFunctions
			.route(GET("/portal"),
					(request) -> ServerResponse.permanentRedirect(request.uriBuilder().path("/").build()).build())
			.andRoute(GET("/portal/"),
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_HTML)
						.cacheControl(CacheControl.noStore())
						.bodyValue(INDEX))
			.andRoute(GET("/portal/session"), PortalPages::session)
			.and(RouterFunctions.resources("/portal/**", new ClassPathResource("portal/")));
	}

	/** Reached only signed in (the portal's chain). */
	private static Mono<ServerResponse> session(ServerRequest request) {
		Mono<CsrfToken> csrf = request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
		return request.principal().cast(Authentication.class).zipWith(csrf).flatMap((signedIn) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("user", signedIn.getT1().getName());
			body.put("csrf", Map.of("header", signedIn.getT2().getHeaderName(), "token", signedIn.getT2().getToken()));
			return ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(body);
		});
	}

}
