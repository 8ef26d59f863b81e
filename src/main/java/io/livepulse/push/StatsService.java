package io.livepulse.push;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import io.livepulse.engagement.EngagementCounts;
import io.livepulse.engagement.InteractionService;
import io.livepulse.playback.VerifiedViewers;
import io.livepulse.presence.PresenceService;
import io.livepulse.presence.PresenceSnapshot;
import io.livepulse.security.Caller;
import io.livepulse.simulation.AudienceSimulator;
import io.livepulse.simulation.SimulatedAudience;
import io.livepulse.stream.FinalMetrics;
import io.livepulse.stream.FinalMetricsSource;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * Builds the public and seller views from in-memory presence and counters; ended streams are
 * answered from their frozen final metrics. Also freezes those metrics when a stream ends.
 */
@Service
public class StatsService implements FinalMetricsSource {

	private final StreamService streams;
	private final PresenceService presence;
	private final InteractionService interactions;
	private final AudienceSimulator simulator;
	private final Clock clock;
	private final VerifiedViewers verifiedViewers;

	StatsService(StreamService streams, PresenceService presence, InteractionService interactions,
			AudienceSimulator simulator, VerifiedViewers verifiedViewers, Clock clock) {
		this.verifiedViewers = verifiedViewers;
		this.streams = streams;
		this.presence = presence;
		this.interactions = interactions;
		this.simulator = simulator;
		this.clock = clock;
	}

	public EngagementView engagement(long streamId) {
		return engagement(streams.get(streamId));
	}

	public EngagementView engagement(Stream stream) {
		Instant now = clock.instant();
		int viewers;
		long likes;
		if (stream.status() == StreamStatus.ENDED) {
			// no one watches an ended stream: while its final figures are being frozen the viewers still held are
			// not shown either (the public view never hides a count of an ended stream, so it must be 0)
			viewers = 0;
			likes = stream.finalMetrics() != null ? stream.finalMetrics().likes() : interactions.counts(stream.id()).likes();
		}
		else {
			viewers = presence.snapshot(stream.id()).viewers();
			likes = interactions.counts(stream.id()).likes();
		}
		int hideBelow = stream.settings().hideViewerCountBelow();
		boolean hidden = hideBelow > 0 && viewers < hideBelow && stream.status() != StreamStatus.ENDED;
		SimulatedAudience simulated = simulator.audienceOf(stream).orElse(null);
		return new EngagementView(stream.id(), stream.status(), hidden ? null : viewers, hidden, likes,
				stream.durationSecondsAt(now), stream.isRehearsal() ? Boolean.TRUE : null, simulated);
	}

	public SellerStats sellerStats(long streamId, Caller caller) {
		return figures(streams.getManaged(streamId, caller));
	}

	/**
	 * The owner's view of any stream, without the ownership check: live figures from memory, or
	 * the frozen final metrics once it ended. For callers that already decided who may see it.
	 */
	public SellerStats figures(Stream stream) {
		SimulatedAudience simulated = simulator.audienceOf(stream).orElse(null);
		Boolean rehearsal = stream.isRehearsal() ? Boolean.TRUE : null;
		FinalMetrics frozen = stream.finalMetrics();
		// a rehearsal's practice purchases are never frozen into final metrics: its counters keep them
		EngagementCounts counts = interactions.counts(stream.id());
		SellerStats.Sales practice = stream.isRehearsal()
				? new SellerStats.Sales(counts.practiceRevenueMinor(), counts.currency(), counts.practiceOrders())
				: null;
		if (stream.status() == StreamStatus.ENDED && frozen != null) {
			return new SellerStats(SellerStats.StreamIdentity.of(stream),
					new SellerStats.Audience(0, frozen.peakViewers(), frozen.uniqueViewers()),
					new SellerStats.LikeFigures(frozen.likes(), 0),
					new SellerStats.Sales(frozen.revenueMinor(), frozen.currency(), frozen.orders()), frozen.durationSeconds(),
					rehearsal, simulated, practice, null);
		}
		PresenceSnapshot snapshot = presence.snapshot(stream.id());
		return new SellerStats(SellerStats.StreamIdentity.of(stream),
				new SellerStats.Audience(snapshot.viewers(), snapshot.peakViewers(), snapshot.uniqueViewers()),
				new SellerStats.LikeFigures(counts.likes(), counts.likesLastMinute()),
				new SellerStats.Sales(counts.revenueMinor(), realCurrency(stream, counts), counts.orders()),
				stream.durationSecondsAt(clock.instant()), rehearsal, simulated, practice, verifiedViewers.counting(stream.id()));
	}

	/** The stream's currency beside its real revenue; none on a rehearsal, whose purchases are all practice. */
	private static String realCurrency(Stream stream, EngagementCounts counts) {
		return stream.isRehearsal() ? null : counts.currency();
	}

	/** Real figures only; called by the stream module while it ends a stream. */
	@Override
	public FinalMetrics finalMetricsOf(Stream stream, long durationSeconds) {
		PresenceSnapshot snapshot = presence.finalSnapshot(stream.id());
		EngagementCounts counts = interactions.finalCounts(stream.id());
		return new FinalMetrics(snapshot.viewers(), counts.likes(), snapshot.peakViewers(), snapshot.uniqueViewers(),
				counts.revenueMinor(), realCurrency(stream, counts), counts.orders(), durationSeconds);
	}
}
