package io.livepulse.sales;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A giveaway as stored. {@code seed} is secret until the draw; {@code seedHash} is shown from the start;
 * {@code excludedEntries} are the numbers of entries whose person the seller excluded.
 */
record Giveaway(long id, long streamId, @Nullable String prize, boolean chattersOnly, String seed, String seedHash,
		Instant opensAt, Instant closesAt, boolean drawn, int entries, @Nullable Integer winningEntry,
		@Nullable String winnerUserId, @Nullable String winnerName, @Nullable Instant drawnAt, boolean practice,
		List<Integer> excludedEntries) {

	boolean takesEntriesAt(Instant now) {
		return !drawn && now.isBefore(closesAt);
	}
}
