package dev.gatehouse.gateway.apidocs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * {@code GET /api-docs}: the index; {@code GET /api-docs/<service>}: the service's
 * description as published through the gateway ({@link PublicDescription}).
 */
class ApiDocsHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiDocsHandler.class);

	private final ServiceDescriptions descriptions;

	private final ReactiveProblemResponses problems;

	ApiDocsHandler(ServiceDescriptions descriptions, ReactiveProblemResponses problems) {
		this.descriptions = descriptions;
		this.problems = problems;
	}

	Mono<ServerResponse> index(ServerRequest request) {
		ObjectNode index = JsonNodeFactory.instance.objectNode();
		ArrayNode urls = index.putArray("urls");
		this.descriptions.routes()
			.services()
			.keySet()
			.forEach((service) -> urls.addObject().put("name", service).put("url", "/api-docs/" + service));
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(index);
	}

	Mono<ServerResponse> service(ServerRequest request) {
		String service = request.pathVariable("service");
		if (!this.descriptions.publishes(service)) {
			return problem(request, GatewayProblem.API_NOT_FOUND,
					"No API description is published as " + service + "; GET /api-docs lists them.");
		}
		String origin = request.exchange().getAttributeOrDefault(GatewayAttributes.PUBLIC_ORIGIN, "");
		return this.descriptions.of(service)
			.flatMap((json) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(PublicDescription.of(json, this.descriptions.routesOf(service), origin)))
			.onErrorResume((error) -> {
				log.warn("API description of {} could not be fetched: {}", service, error.toString());
				return problem(request, GatewayProblem.API_DESCRIPTION_UNAVAILABLE,
						"The description of " + service + " could not be fetched from the service; retry later.");
			});
	}

	private Mono<ServerResponse> problem(ServerRequest request, GatewayProblem refusal, String detail) {
		ProblemDetail problem = refusal.with(detail);
		problem.setProperty("traceId", this.problems.traceId(request.exchange()));
		return ServerResponse.status(refusal.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.bodyValue(Problems.body(problem));
	}

}
