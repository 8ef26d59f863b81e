package io.livepulse.engagement;

import java.time.Instant;
import java.util.List;

/** Counters compared with the interaction log; {@code consistent} when no stream differs. */
record ReconciliationReport(Instant checkedAt, int streamsChecked, boolean consistent,
		List<Difference> differences) {

	public record Difference(long streamId, String figure, long inMemory, long inLog) {
	}
}
