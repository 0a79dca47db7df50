package dev.gatehouse.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Sits on top of Nimbus's caching key-set source and remembers the set it last returned and when it
 * first saw it (a fetch). It answers one question for the reactive decoder: will verifying a token
 * with this key id be served from the cache, or may it fetch (block)? Nimbus keeps its cache to
 * itself, so the answer is taken from what passes through here. It decides nothing about trust:
 * Nimbus's cache, lifetime and refetch rules stay in charge.
 */
final class KeySetSnapshot extends JWKSetSourceWrapper<SecurityContext> {

	/** Ahead of the cache's own expiry, so a token checked inline never triggers the refetch. */
	private static final long MARGIN_MILLIS = 1_000;

	private final long timeToLiveMillis;

	private volatile Snapshot snapshot;

	KeySetSnapshot(JWKSetSource<SecurityContext> source, long timeToLiveMillis) {
		super(source);
		this.timeToLiveMillis = timeToLiveMillis;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		JWKSet keys = getSource().getJWKSet(refreshEvaluator, currentTime, context);
		Snapshot last = this.snapshot;
		if (last == null || last.keys() != keys) {
			// A new set object means the cache below fetched it now.
			this.snapshot = new Snapshot(keys, currentTime);
		}
		return keys;
	}

	/** Whether a key with this id is in the cached set, well within the cache's lifetime. */
	boolean holds(String keyId, long currentTime) {
		Snapshot last = this.snapshot;
		return keyId != null && last != null
				&& currentTime < last.fetchedAt() + this.timeToLiveMillis - MARGIN_MILLIS
				&& last.keys().getKeyByKeyId(keyId) != null;
	}

	private record Snapshot(JWKSet keys, long fetchedAt) {
	}

}
