package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.livepulse.sales.AuctionChanged;
import io.livepulse.sales.AuctionView;
import tools.jackson.databind.json.JsonMapper;

/**
 * An auction's standing on the event stream: to a small audience each standing the sales module tells goes at once;
 * to more than 5,000 subscribers on the node at most one every 200 ms, the newest, and a decided auction's at once.
 */
class AuctionPushTests {

	/** An audience of a given size that keeps what it was sent. */
	static final class Audience implements PushAudience {

		final int size;
		final List<String> sent = new CopyOnWriteArrayList<>();

		Audience(int size) {
			this.size = size;
		}

		@Override
		public Set<Long> watchedStreams() {
			return Set.of(7L);
		}

		@Override
		public int size(long streamId) {
			return streamId == 7 ? size : 0;
		}

		@Override
		public void publish(long streamId, byte[] event) {
			String text = new String(event, StandardCharsets.UTF_8);
			sent.add(text.replaceAll("(?s).*\"currentPriceMinor\":(\\d+).*\"status\":\"(\\w+)\".*", "$1 $2"));
		}

		@Override
		public void end(long streamId, byte[] endedEvent) {
		}
	}

	static AuctionChanged standing(long price, String status) {
		return new AuctionChanged(7, new AuctionView(11, 7, 3, "Boots", null, "EUR", 1_000, price, price + 100, 1, 1, null,
				false, 0, Instant.now().plusSeconds(30), status, null, false, null, Instant.now()));
	}

	@Test
	void aSmallAudienceHearsEveryStandingAtOnce() {
		Audience audience = new Audience(2_000);
		AuctionPush push = new AuctionPush(new EngagementEvents(JsonMapper.builder().build()), List.of(audience));
		push.on(standing(1_100, "RUNNING"));
		push.on(standing(1_200, "RUNNING"));
		push.on(standing(1_300, "RUNNING"));
		assertThat(audience.sent).containsExactly("1100 RUNNING", "1200 RUNNING", "1300 RUNNING");
	}

	@Test
	void aLargeAudienceHearsAStandingAtMostEvery200MsTheFreshestAndTheDecisionAtOnce() {
		Audience audience = new Audience(AuctionPush.LARGE_AUDIENCE + 1);
		AtomicLong nanos = new AtomicLong(1_000_000_000L);
		AuctionPush push = new AuctionPush(new EngagementEvents(JsonMapper.builder().build()), List.of(audience),
				nanos::get);
		push.on(standing(1_100, "RUNNING"));
		push.on(standing(1_200, "RUNNING"));
		push.on(standing(1_300, "RUNNING"));
		push.sendDue();
		assertThat(audience.sent).as("the first at once, the next two held").containsExactly("1100 RUNNING");
		nanos.addAndGet(AuctionPush.LARGE_AUDIENCE_EVERY.toNanos() - 1);
		push.on(standing(1_350, "RUNNING"));
		assertThat(audience.sent).as("held until the whole 200 ms have passed").hasSize(1);
		nanos.incrementAndGet();
		push.on(standing(1_400, "RUNNING"));
		assertThat(audience.sent).as("200 ms on, the standing that arrives goes, telling the held ones' bids too")
			.containsExactly("1100 RUNNING", "1400 RUNNING");

		push.on(standing(1_500, "RUNNING"));
		push.sendDue();
		assertThat(audience.sent).hasSize(2);
		nanos.addAndGet(AuctionPush.QUIET_AFTER.toNanos());
		push.sendDue();
		assertThat(audience.sent).as("a held standing nothing replaced").endsWith("1500 RUNNING");

		push.on(standing(1_600, "RUNNING"));
		push.on(standing(1_600, "SOLD"));
		nanos.addAndGet(AuctionPush.QUIET_AFTER.toNanos());
		push.sendDue();
		assertThat(audience.sent).as("the decision at once, and nothing after it")
			.containsExactly("1100 RUNNING", "1400 RUNNING", "1500 RUNNING", "1600 SOLD");
	}
}
