package io.livepulse.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.livepulse.cluster.ClusterAnnouncements;
import io.livepulse.support.ShiftableClock;

/**
 * A node that starts again watches no sale: it reads the open ones (and those just ended) again, so a sale whose
 * time runs out after a restart is still told ended, to viewers and to its shop's webhook.
 */
class FlashSaleBroadcastsAfterStartTests {

	private final ShiftableClock clock = ShiftableClock.stopped();
	private final FlashSaleRepository repository = mock(FlashSaleRepository.class);
	private final List<Object> told = new ArrayList<>();
	private final FlashSaleBroadcasts broadcasts = new FlashSaleBroadcasts(repository, told::add,
			mock(ClusterAnnouncements.class), new SalesProperties(Duration.ofMinutes(5), Duration.ofSeconds(5),
					Duration.ofMillis(200), 10, Duration.ofMillis(100), Duration.ofMillis(250)),
			clock);

	private FlashSale sale(long id, Instant endsAt) {
		return new FlashSale(id, 7, 8, "Lamp", null, 2_500, "EUR", 10, 1, 3, 0, endsAt.minusSeconds(60), endsAt, null, false);
	}

	@Test
	void aSaleRunningWhenTheNodeStartsIsToldEndedWhenItsTimeRunsOut() {
		Instant endsAt = clock.instant().plusSeconds(30);
		when(repository.notStoppedEndingAfter(any())).thenReturn(List.of(41L));
		when(repository.find(41L)).thenReturn(Optional.of(sale(41, endsAt)));

		broadcasts.watchAgainAfterStart();
		broadcasts.broadcast();
		clock.advance(Duration.ofSeconds(31));
		broadcasts.broadcast();

		assertThat(told).extracting(event -> ((FlashSaleChanged) event).sale().status())
			.containsExactly(FlashSaleStatus.RUNNING, FlashSaleStatus.ENDED);
	}

	@Test
	void aSaleThatRanOutWhileTheNodeWasDownIsToldEndedAtItsFirstPass() {
		when(repository.notStoppedEndingAfter(clock.instant().minus(Duration.ofHours(1)))).thenReturn(List.of(42L));
		when(repository.find(42L)).thenReturn(Optional.of(sale(42, clock.instant().minusSeconds(600))));

		broadcasts.watchAgainAfterStart();
		broadcasts.broadcast();

		assertThat(told).extracting(event -> ((FlashSaleChanged) event).sale().status())
			.containsExactly(FlashSaleStatus.ENDED);
	}
}
