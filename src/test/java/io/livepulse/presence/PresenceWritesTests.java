package io.livepulse.presence;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** What the prune tick writes, and what it writes again after a database error: never a closed session twice. */
class PresenceWritesTests {

	private final ViewerLog viewerLog = mock(ViewerLog.class);
	private final PresenceWrites writes = new PresenceWrites(viewerLog, Clock.systemUTC());

	@Test
	void aPeakThatFailsToSaveIsTriedAgainButTheClosedSessionsWrittenBeforeItAreNotWrittenTwice() {
		writes.close(1L, new StreamPresence.ClosedSession("d:1", 0, 60_000));
		doThrow(new DataAccessResourceFailureException("database went away")).doNothing()
			.when(viewerLog).savePeak(anyLong(), anyInt(), any());

		writes.flush(Map.of(1L, 5));
		writes.flush(Map.of(1L, 5));

		verify(viewerLog, times(1)).recordCloses(anyList());
		verify(viewerLog, times(2)).savePeak(eq(1L), eq(5), any());
	}

	@Test
	void closedSessionsThatFailToRecordAreWrittenOnTheNextTick() {
		writes.close(1L, new StreamPresence.ClosedSession("d:1", 0, 60_000));
		doThrow(new DataAccessResourceFailureException("database went away")).doNothing()
			.when(viewerLog).recordCloses(anyList());

		writes.flush(Map.of());
		writes.flush(Map.of());
		writes.flush(Map.of());

		verify(viewerLog, times(2)).recordCloses(anyList());
	}
}
