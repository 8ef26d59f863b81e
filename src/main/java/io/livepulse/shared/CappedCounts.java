package io.livepulse.shared;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * How many of something each key holds (connections per address, viewers per address), with a cap
 * checked and taken in one step so racing callers can never pass it together. A key whose count
 * falls to zero is forgotten.
 */
public final class CappedCounts {

	private final Map<String, Integer> counts = new ConcurrentHashMap<>();

	/** Takes one for the key unless it already holds {@code max}; true when taken. */
	public boolean tryAcquire(String key, int max) {
		boolean[] acquired = { false };
		counts.compute(key, (k, count) -> {
			int current = count == null ? 0 : count;
			acquired[0] = current < max;
			return acquired[0] ? current + 1 : count;
		});
		return acquired[0];
	}

	/** Gives one back. */
	public void release(String key) {
		counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
	}

	/**
	 * Takes one for a client's counting key ({@link ClientAddress#keyOf}) and one for its IPv6 /48, which may hold
	 * {@link ClientAddress#ADDRESSES_PER_NETWORK} times {@code max}; neither when either is full. True when taken.
	 *
	 * @param network the key's /48 ({@link ClientAddress#networkOf}), or null for an IPv4 key
	 */
	public boolean tryAcquire(String key, @Nullable String network, int max) {
		if (!tryAcquire(key, max)) {
			return false;
		}
		if (network != null && !tryAcquire(network, ClientAddress.ADDRESSES_PER_NETWORK * max)) {
			release(key);
			return false;
		}
		return true;
	}

	/** Gives back what {@link #tryAcquire(String, String, int)} took. */
	public void release(String key, @Nullable String network) {
		release(key);
		if (network != null) {
			release(network);
		}
	}

	public int count(String key) {
		return counts.getOrDefault(key, 0);
	}
}
