package dev.gatehouse.gateway.apikey;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import org.springframework.core.codec.CodecException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.GatewayProblemException;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * The key API under {@code /portal/api/keys}: {@code GET} lists the partner's keys
 * (metadata only), {@code POST .../rotate} issues a new key, shown once in the answer,
 * and {@code DELETE .../{id}} revokes one. The caller is whatever {@link Authentication}
 * the security chain established; {@link PartnerAdmin} reads the role and partner from
 * it. Answers are never cached.
 */
class PartnerKeysHandler {

	private final PartnerKeys keys;

	private final Clock clock;

	private final ReactiveProblemResponses problems;

	private final SecurityAudit audit;

	PartnerKeysHandler(PartnerKeys keys, Clock clock, ReactiveProblemResponses problems, SecurityAudit audit) {
		this.keys = keys;
		this.clock = clock;
		this.problems = problems;
		this.audit = audit;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		Instant now = this.clock.instant();
		return admin(request).flatMap((admin) -> this.keys.list(admin).map((key) -> KeyView.of(key, now)).collectList())
			.flatMap((views) -> json(ServerResponse.ok(), views))
			.onErrorResume((ex) -> problem(request, ex));
	}

	Mono<ServerResponse> rotate(ServerRequest request) {
		Instant now = this.clock.instant();
		return admin(request)
			.flatMap((admin) -> request.bodyToMono(RotateRequest.class)
				.onErrorMap((ex) -> ex instanceof ServerWebInputException || ex instanceof CodecException,
						(ex) -> malformed())
				.switchIfEmpty(Mono.error(PartnerKeysHandler::malformed))
				.flatMap((body) -> this.keys.rotate(admin, body.keyId(), body.retireOldAt())))
			.flatMap((rotation) -> json(ServerResponse.status(HttpStatus.CREATED), NewKeyView.of(rotation, now)))
			.onErrorResume((ex) -> problem(request, ex));
	}

	Mono<ServerResponse> revoke(ServerRequest request) {
		Instant now = this.clock.instant();
		return admin(request).flatMap((admin) -> this.keys.revoke(admin, request.pathVariable("id")))
			.flatMap((revoked) -> json(ServerResponse.ok(), KeyView.of(revoked, now)))
			.onErrorResume((ex) -> problem(request, ex));
	}

	private static Mono<PartnerAdmin> admin(ServerRequest request) {
		return request.principal().cast(Authentication.class).map(PartnerAdmin::of);
	}

	private static GatewayProblemException malformed() {
		return new GatewayProblemException(GatewayProblem.MALFORMED_BODY,
				"Send a JSON body {\"retireOldAt\": \"<ISO-8601 time>\"}, with \"keyId\" to rotate one key only.",
				null);
	}

	private static Mono<ServerResponse> json(ServerResponse.BodyBuilder response, Object body) {
		return response.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.bodyValue(body);
	}

	private Mono<ServerResponse> problem(ServerRequest request, Throwable failure) {
		ProblemDetail problem;
		if (failure instanceof GatewayProblemException refusal) {
			problem = refusal.getBody();
		}
		else if (failure instanceof DataAccessException || failure instanceof TimeoutException) {
			problem = GatewayProblem.API_KEY_STORE_UNAVAILABLE
				.with("The key store does not answer; nothing was changed, retry shortly.");
		}
		else {
			return Mono.error(failure);
		}
		return request.principal()
			.map(Principal::getName)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((principal) -> {
				this.audit.denied(problem.getStatus(), SecurityAudit.reason(problem.getType().toString()),
						principal.orElse(null), request.method().name(), request.path(),
						GatewayAttributes.clientAddress(request.exchange()));
				problem.setProperty("traceId", this.problems.traceId(request.exchange()));
				ServerResponse.BodyBuilder response = ServerResponse.status(problem.getStatus())
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.header(HttpHeaders.CACHE_CONTROL, "no-store");
				if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
					response.header(HttpHeaders.RETRY_AFTER, "1");
				}
				return response.bodyValue(Problems.body(problem));
			});
	}

	/**
	 * @param keyId the key to replace; without it, every current key of the partner
	 * @param retireOldAt when the replaced keys stop working
	 */
	record RotateRequest(String keyId, Instant retireOldAt) {
	}

	/** What the API shows of a key: never the key, never its hash. */
	record KeyView(String id, String partner, String state, Instant created, Instant notAfter, Instant retiresAt,
			String plan, List<String> routes) {

		static KeyView of(ApiKey key, Instant now) {
			return new KeyView(key.id(), key.partner(), key.state(now), key.created(), key.notAfter(), key.retiresAt(),
					key.plan(), key.routes());
		}

	}

	/** The answer to a rotation: the new key in clear, this once. */
	record NewKeyView(String id, String key, String partner, Instant created, Instant notAfter, String plan,
			List<String> routes, List<KeyView> replaced) {

		static NewKeyView of(PartnerKeys.Rotation rotation, Instant now) {
			ApiKey created = rotation.created();
			return new NewKeyView(created.id(), rotation.key(), created.partner(), created.created(),
					created.notAfter(), created.plan(), created.routes(),
					rotation.retiring().stream().map((key) -> KeyView.of(key, now)).toList());
		}

		@Override
		public String toString() {
			return "NewKeyView[" + this.id + "]";
		}

	}

}
