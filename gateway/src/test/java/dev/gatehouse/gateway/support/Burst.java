package dev.gatehouse.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import dev.gatehouse.test.TlsClient;

/**
 * Sends many requests at once over TLS, each on its own connection as separate clients
 * would, and collects the answers. Bounded: a fixed number of requests, each with a
 * timeout.
 */
public final class Burst {

	private Burst() {
	}

	/**
	 * The answers of {@code count} parallel GETs; {@code headers} gives each request's
	 * header pairs. The connections are opened first, by as many requests without those
	 * headers: the burst then measures the requests, not {@code count} TLS handshakes
	 * made by client and server in one JVM.
	 */
	public static Result get(Path pki, String url, int count, IntFunction<String[]> headers) {
		HttpClient http = HttpClient.newBuilder()
			.sslContext(TlsClient.sslContext(pki, null))
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(20))
			.build();
		send(http, url, count, (i) -> new String[0]);
		long start = System.nanoTime();
		List<HttpResponse<String>> responses = send(http, url, count, headers);
		return new Result(responses, Duration.ofNanos(System.nanoTime() - start));
	}

	private static List<HttpResponse<String>> send(HttpClient http, String url, int count,
			IntFunction<String[]> headers) {
		List<CompletableFuture<HttpResponse<String>>> pending = IntStream.range(0, count).mapToObj((i) -> {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
			String[] pairs = headers.apply(i);
			if (pairs.length > 0) {
				request.headers(pairs);
			}
			return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
		}).toList();
		return pending.stream().map(CompletableFuture::join).toList();
	}

	public record Result(List<HttpResponse<String>> responses, Duration took) {

		/** How many answers had each status. */
		public Map<Integer, Long> statuses() {
			Map<Integer, Long> statuses = new TreeMap<>();
			this.responses.forEach((response) -> statuses.merge(response.statusCode(), 1L, Long::sum));
			return statuses;
		}

		public List<HttpResponse<String>> withStatus(int status) {
			return this.responses.stream().filter((response) -> response.statusCode() == status).toList();
		}

	}

}
