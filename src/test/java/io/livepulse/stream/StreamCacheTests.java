package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

import io.livepulse.settings.StreamSettings;

/** The stream cache never lets a reader that loaded an older state put it back over a newer one. */
class StreamCacheTests {

	static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	final JdbcStreamRepository repository = mock(JdbcStreamRepository.class);
	final StreamCache cache = new StreamCache(repository, mock(ApplicationEventPublisher.class));

	static Stream stream(StreamStatus status, FinalMetrics metrics) {
		return new Stream(1, 7, "Cache", "", null, StreamMode.LIVE, status, START, START,
				status == StreamStatus.ENDED ? START.plusSeconds(60) : null, StreamSettings.DEFAULTS, metrics, null);
	}

	@Test
	void aStreamLoadedBetweenTheTwoEndingStepsDoesNotHideTheFinalMetricsRememberedMeanwhile() {
		Stream withMetrics = stream(StreamStatus.ENDED, FinalMetrics.none(60));
		Stream endedOnly = stream(StreamStatus.ENDED, null);
		given(repository.findById(1)).willReturn(Optional.of(withMetrics), Optional.of(endedOnly));

		cache.reload(1);
		cache.reload(1);

		assertThat(cache.find(1)).contains(withMetrics);
	}

	@Test
	void aLaterStateReplacesAnEarlierOne() {
		given(repository.findById(1)).willReturn(Optional.of(stream(StreamStatus.LIVE, null)),
				Optional.of(stream(StreamStatus.ENDED, null)), Optional.of(stream(StreamStatus.LIVE, null)));

		cache.reload(1);
		cache.reload(1);
		cache.reload(1);

		assertThat(cache.find(1)).map(Stream::status).contains(StreamStatus.ENDED);
	}
}
