package dev.gatehouse.security.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Looks through an exception's cause chain: the one helper the starter and the gateway
 * share.
 */
public final class Causes {

	private Causes() {
	}

	/**
	 * The first exception of this type in the chain, the failure itself included, or
	 * null.
	 */
	public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		// A chain can loop (initCause accepts any exception but the same one): each is
		// visited once.
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
