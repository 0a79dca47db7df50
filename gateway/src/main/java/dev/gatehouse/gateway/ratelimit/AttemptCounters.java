package dev.gatehouse.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of attempts per key in memory, for the failed-login throttle and the
 * failed-authentication limit: a counter starts a window; the attempt that reaches the
 * limit starts a lock, during which further attempts are refused uncounted. Counting is
 * atomic per table, so parallel attempts cannot all pass the check before any is counted.
 * <p>
 * Bounded: when {@code maxTracked} keys are held, the one used longest ago is evicted, so
 * a key under attack stays tracked as long as fewer than {@code maxTracked} other keys
 * arrive between two of its attempts. Caffeine was the first choice, but its admission
 * policy (W-TinyLFU) may refuse a new key straight away when the table is full of keys
 * seen as often, so a user's first guesses could be forgotten while a flood of one-off
 * names fills the table; least-recently-used eviction does not do that. One lock for the
 * table is enough: the callers do a password check or a token validation per attempt, far
 * slower than this.
 */
public final class AttemptCounters {

	private final Clock clock;

	private final Duration window;

	private final Duration lock;

	private final Map<String, Attempts> table;

	public AttemptCounters(int maxTracked, Duration window, Duration lock, Clock clock) {
		this.clock = clock;
		this.window = window;
		this.lock = lock;
		this.table = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
				return size() > maxTracked;
			}

		};
	}

	/**
	 * Counts an attempt unless the key is locked; answers the lock's remaining time if it
	 * is, else null.
	 */
	public synchronized Duration count(String key, int limit) {
		Instant now = this.clock.instant();
		Attempts current = live(key, now);
		if (current != null && current.count() >= limit) {
			return Duration.between(now, current.expiresAt());
		}
		int count = (current != null) ? current.count() + 1 : 1;
		Instant expiresAt = (count >= limit) ? now.plus(this.lock)
				: (current != null) ? current.expiresAt() : now.plus(this.window);
		this.table.put(key, new Attempts(count, expiresAt));
		return null;
	}

	/** The lock's remaining time when the key is locked, else null; counts nothing. */
	public synchronized Duration lockedFor(String key, int limit) {
		Instant now = this.clock.instant();
		Attempts current = live(key, now);
		return (current != null && current.count() >= limit) ? Duration.between(now, current.expiresAt()) : null;
	}

	/** Whether the key has attempts counted within its window or lock. */
	public synchronized boolean tracked(String key) {
		return live(key, this.clock.instant()) != null;
	}

	/** Takes one attempt back. */
	public synchronized void giveBack(String key) {
		Attempts current = live(key, this.clock.instant());
		if (current != null && current.count() > 1) {
			this.table.put(key, new Attempts(current.count() - 1, current.expiresAt()));
		}
		else {
			this.table.remove(key);
		}
	}

	/**
	 * Locks the key for {@code duration}, whatever its count (a lock learnt from the
	 * shared store).
	 */
	public synchronized void lock(String key, Duration duration) {
		this.table.put(key, new Attempts(Integer.MAX_VALUE, this.clock.instant().plus(duration)));
	}

	public synchronized void clear(String key) {
		this.table.remove(key);
	}

	public synchronized int size() {
		return this.table.size();
	}

	private Attempts live(String key, Instant now) {
		Attempts current = this.table.get(key);
		if (current != null && !current.expiresAt().isAfter(now)) {
			this.table.remove(key);
			return null;
		}
		return current;
	}

	/**
	 * Attempts since the window started; at the limit, {@code expiresAt} is the end of
	 * the lock.
	 */
	private record Attempts(int count, Instant expiresAt) {
	}

}
