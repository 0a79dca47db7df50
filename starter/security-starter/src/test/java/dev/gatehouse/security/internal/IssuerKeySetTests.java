package dev.gatehouse.security.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The refetch rules of {@link IssuerKeySet} on a clock the test moves: a flood of made-up
 * key ids costs at most one fetch per interval, a repeated one none, concurrent requests
 * share one fetch, and a key the issuer publishes is found by every request presented
 * interval + timeout after the publication, however the flood is timed. The decoders on
 * top are tested against a real key-set endpoint in {@link KeyRotationTests} (servlet)
 * and {@code ReactiveDecoderTests}.
 */
class IssuerKeySetTests {

	static final Duration TTL = Duration.ofMinutes(5);

	static final Duration INTERVAL = Duration.ofSeconds(2);

	static final Duration TIMEOUT = Duration.ofSeconds(3);

	static final RSAKey CURRENT = TestIssuer.newKey();

	static final RSAKey NEXT = TestIssuer.newKey();

	final AtomicLong now = new AtomicLong(1_000_000);

	final Issuer issuer = new Issuer();

	final IssuerKeySet keys = new IssuerKeySet(this.issuer, TTL, INTERVAL, TIMEOUT, this.now::get);

	@Test
	void aFloodOfMadeUpKeyIdsCausesAtMostOneFetchPerInterval() throws Exception {
		assertThat(find(CURRENT.getKeyID())).hasSize(1);
		int fetchesBefore = this.issuer.fetches.get();
		long start = this.now.get();
		for (int i = 0; i < 5_000; i++) {
			assertThat(find(UUID.randomUUID().toString())).isEmpty();
			this.now.addAndGet(3);
		}
		long elapsed = this.now.get() - start;
		int allowed = (int) (elapsed / INTERVAL.toMillis()) + 1;
		assertThat(this.issuer.fetches.get() - fetchesBefore).isPositive().isLessThanOrEqualTo(allowed);
	}

	@Test
	void aRepeatedMadeUpKeyIdCostsNoFurtherFetch() throws Exception {
		find(CURRENT.getKeyID());
		this.now.addAndGet(INTERVAL.toMillis());
		String madeUp = UUID.randomUUID().toString();
		assertThat(find(madeUp)).isEmpty();
		int fetches = this.issuer.fetches.get();
		for (int i = 0; i < 100; i++) {
			this.now.addAndGet(INTERVAL.toMillis());
			assertThat(find(madeUp)).isEmpty();
		}
		assertThat(this.issuer.fetches.get()).isEqualTo(fetches);
	}

	@ParameterizedTest(name = "published {0} ms into an interval")
	@ValueSource(longs = { 0, 1, 500, 1_000, 1_999, 2_000, 2_001 })
	void aKeyPublishedDuringAFloodIsFoundByEveryRequestPresentedIntervalPlusTimeoutAfterIt(long offset)
			throws Exception {
		find(CURRENT.getKeyID());
		// The flood asks for a made-up key id every 10 ms, spending every fetch the
		// spacing allows.
		long publishedAt = this.now.get() + offset;
		long bound = INTERVAL.plus(TIMEOUT).toMillis();
		while (this.now.get() < publishedAt + bound) {
			if (this.now.get() >= publishedAt) {
				this.issuer.publish(CURRENT, NEXT);
			}
			assertThat(find(UUID.randomUUID().toString())).isEmpty();
			this.now.addAndGet(10);
		}
		assertThat(find(NEXT.getKeyID())).as("a request presented " + bound + " ms after the publication").hasSize(1);
		assertThat(this.issuer.fetches.get()).isLessThanOrEqualTo((int) ((offset + bound) / INTERVAL.toMillis()) + 2);
	}

	@Test
	void withoutAFloodTheFirstRequestForANewKeyFetchesItUnlessAFetchJustRan() throws Exception {
		find(CURRENT.getKeyID());
		this.now.addAndGet(INTERVAL.toMillis());
		assertThat(find("made-up-just-before")).isEmpty();
		this.issuer.publish(CURRENT, NEXT);
		this.now.addAndGet(1);
		assertThat(find(NEXT.getKeyID())).as("within the spacing of a fetch that missed it").isEmpty();
		this.now.addAndGet(INTERVAL.plus(TIMEOUT).toMillis());
		assertThat(find(NEXT.getKeyID())).as("interval + timeout after the publication").hasSize(1);
		assertThat(this.issuer.fetches.get()).isEqualTo(3);
	}

	@Test
	void concurrentRequestsForAnUnknownKeyIdShareOneFetch() throws Exception {
		find(CURRENT.getKeyID());
		this.now.addAndGet(INTERVAL.toMillis());
		this.issuer.publish(CURRENT, NEXT);
		this.issuer.holdNextFetch();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<JWK>>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				results.add(pool.submit(() -> find(NEXT.getKeyID())));
			}
			this.issuer.awaitHeldFetch();
			Thread.sleep(200);
			this.issuer.release();
			for (Future<List<JWK>> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).singleElement()
					.extracting(JWK::getKeyID)
					.isEqualTo(NEXT.getKeyID());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.issuer.fetches.get()).isEqualTo(2);
	}

	@Test
	void anUnreachableIssuerMakesKeysUnavailableAndIsAskedAgainOnlyAfterTheInterval() throws Exception {
		this.issuer.failing = true;
		assertThatThrownBy(() -> find(CURRENT.getKeyID())).isInstanceOf(KeySourceException.class);
		assertThatThrownBy(() -> find(CURRENT.getKeyID())).isInstanceOf(KeySourceException.class);
		assertThat(this.issuer.fetches.get()).isEqualTo(1);
		this.issuer.failing = false;
		this.now.addAndGet(INTERVAL.toMillis());
		assertThat(find(CURRENT.getKeyID())).hasSize(1);
		assertThat(this.issuer.fetches.get()).isEqualTo(2);
	}

	@Test
	void keysExpireAfterTheirLifetimeAndAreFetchedAgain() throws Exception {
		find(CURRENT.getKeyID());
		this.issuer.publish(NEXT);
		this.now.addAndGet(TTL.toMillis() - 1);
		assertThat(find(CURRENT.getKeyID())).as("still cached").hasSize(1);
		this.now.addAndGet(1);
		assertThat(find(CURRENT.getKeyID())).as("expired, refetched without it").isEmpty();
		assertThat(this.issuer.fetches.get()).isEqualTo(2);
	}

	@Test
	void onlyCachedKeysAndNoFetchToWaitForAreAnsweredAtOnce() throws Exception {
		assertThat(this.keys.answersAtOnce(CURRENT.getKeyID(), this.now.get())).as("nothing cached yet").isFalse();
		find(CURRENT.getKeyID());
		assertThat(this.keys.answersAtOnce(CURRENT.getKeyID(), this.now.get())).as("cached").isTrue();
		assertThat(this.keys.answersAtOnce("made-up", this.now.get())).as("within the spacing: refused at once")
			.isTrue();
		this.now.addAndGet(INTERVAL.toMillis());
		assertThat(this.keys.answersAtOnce("made-up", this.now.get())).as("may fetch").isFalse();
		find("made-up");
		this.now.addAndGet(INTERVAL.toMillis());
		assertThat(this.keys.answersAtOnce("made-up", this.now.get())).as("remembered unknown").isTrue();
		assertThat(this.keys.answersAtOnce(CURRENT.getKeyID(), this.now.get() + TTL.toMillis())).as("about to expire")
			.isFalse();
	}

	private List<JWK> find(String keyId) throws KeySourceException {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build();
		return this.keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
	}

	/**
	 * The issuer's key-set endpoint as the cache sees it: counts fetches, may fail or be
	 * held.
	 */
	static final class Issuer implements JWKSetSource<SecurityContext> {

		final AtomicInteger fetches = new AtomicInteger();

		volatile JWKSet published = new JWKSet(CURRENT.toPublicJWK());

		volatile boolean failing;

		private volatile CountDownLatch held;

		private volatile CountDownLatch entered;

		void publish(RSAKey... keys) {
			this.published = new JWKSet(Arrays.stream(keys).<JWK>map(RSAKey::toPublicJWK).toList());
		}

		void holdNextFetch() {
			this.entered = new CountDownLatch(1);
			this.held = new CountDownLatch(1);
		}

		void awaitHeldFetch() throws InterruptedException {
			assertThat(this.entered.await(10, TimeUnit.SECONDS)).isTrue();
		}

		void release() {
			this.held.countDown();
		}

		@Override
		public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
				throws KeySourceException {
			this.fetches.incrementAndGet();
			CountDownLatch wait = this.held;
			if (wait != null) {
				this.entered.countDown();
				try {
					wait.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.held = null;
			}
			if (this.failing) {
				throw new KeySourceException("connection refused");
			}
			return this.published;
		}

		@Override
		public void close() {
		}

	}

}
