package io.livepulse.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.livepulse.support.ShiftableClock;

/** What a cluster node answers from its last exchange, and for how long. */
class ExchangedFiguresTests {

	private final ShiftableClock clock = ShiftableClock.stopped();
	private final ExchangedFigures figures = new ExchangedFigures(clock);
	private final PresenceSnapshot threeViewers = new PresenceSnapshot(3, 5, 8);

	@Test
	void figuresAreAnsweredForTwoSecondsAfterTheyWereReadAndThenReadAgain() {
		figures.update(1, threeViewers);
		assertThat(figures.asked(1)).isEqualTo(threeViewers);

		clock.advance(Duration.ofMillis(ExchangedFigures.FRESH_MILLIS - 100));
		assertThat(figures.asked(1)).isEqualTo(threeViewers);
		clock.advance(Duration.ofMillis(200));
		assertThat(figures.asked(1)).as("older than two seconds: the caller reads them again").isNull();

		figures.update(1, threeViewers);
		assertThat(figures.asked(1)).isEqualTo(threeViewers);
	}

	@Test
	void aStreamNobodyAskedAboutForAMinuteIsNoLongerWatched() {
		figures.update(1, threeViewers);
		figures.update(2, threeViewers);
		clock.advance(Duration.ofSeconds(50));
		figures.update(2, threeViewers); // read again by a tick: that is not asking
		figures.update(1, threeViewers);
		assertThat(figures.asked(1)).isNotNull();
		clock.advance(Duration.ofSeconds(15));

		assertThat(figures.watched()).containsExactly(1L);
	}

	@Test
	void aForgottenStreamHasNoFigures() {
		figures.update(1, threeViewers);
		figures.forget(1);
		assertThat(figures.asked(1)).isNull();
		assertThat(figures.watched()).isEmpty();
	}
}
