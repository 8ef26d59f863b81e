package io.livepulse.sales;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A giveaway as viewers see it: OPEN while it takes entries (until {@code closesAt}), CLOSED once entries are
 * over and the draw is due, DRAWN with the {@code seed} (whose SHA-256 is {@code seedHash}, shown from the
 * start), the number of entries and the winning entry: {@code winner.entryNumber} is
 * {@code 1 + (SHA-256("<seed>:<entries>") read as an unsigned big-endian number) mod entries}, which anyone can
 * recompute ({@code excludedEntries}: entries of people the seller excluded, which the draw skips, see
 * {@code GiveawayDraw}). The seller and admins also get the winner's user id, to hand over the prize.
 */
public record GiveawayView(long id, long streamId, @Nullable String prize, boolean chattersOnly, String status,
		Instant opensAt, Instant closesAt, int entries, List<Integer> excludedEntries, String seedHash,
		@Nullable String seed, @Nullable Winner winner, boolean practice, Instant serverTime) {

	public record Winner(int entryNumber, @Nullable String displayName, @Nullable String userId) {
	}

	static GiveawayView of(Giveaway giveaway, Instant now, boolean forManager) {
		String status = giveaway.drawn() ? "DRAWN" : giveaway.takesEntriesAt(now) ? "OPEN" : "CLOSED";
		Winner winner = giveaway.winningEntry() == null ? null
				: new Winner(giveaway.winningEntry(), giveaway.winnerName(), forManager ? giveaway.winnerUserId() : null);
		return new GiveawayView(giveaway.id(), giveaway.streamId(), giveaway.prize(), giveaway.chattersOnly(), status,
				giveaway.opensAt(), giveaway.closesAt(), giveaway.entries(), giveaway.excludedEntries(), giveaway.seedHash(),
				giveaway.drawn() ? giveaway.seed() : null, winner, giveaway.practice(), now);
	}
}
