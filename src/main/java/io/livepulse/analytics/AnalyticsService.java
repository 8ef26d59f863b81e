package io.livepulse.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.livepulse.chat.ChatFigures;
import io.livepulse.engagement.EngagedViewers;
import io.livepulse.engagement.InteractionService;
import io.livepulse.presence.PresenceService;
import io.livepulse.sales.LiveCommerceFigures;
import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.simulation.AudienceSimulator;
import io.livepulse.shopping.ProductStats;
import io.livepulse.shopping.ProductStatsService;
import io.livepulse.simulation.SimulatedAudience;
import io.livepulse.push.SellerStats;
import io.livepulse.push.StatsService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/** Per-stream reports with their timeline, and the cross-stream table for admins. */
@Service
class AnalyticsService {

	private static final Map<String, Comparator<AdminStreamRow>> SORTS = Map.of(
			"id", Comparator.comparingLong(AdminStreamRow::id),
			"createdAt", Comparator.comparing(AdminStreamRow::createdAt),
			"duration", Comparator.comparingLong(AdminStreamRow::durationSeconds),
			"viewers", Comparator.comparingInt(row -> row.real().viewers()),
			"peakViewers", Comparator.comparingInt(row -> row.real().peakViewers()),
			"uniqueViewers", Comparator.comparingInt(row -> row.real().uniqueViewers()),
			"likes", Comparator.comparingLong(row -> row.real().likes()),
			"revenue", Comparator.comparingLong(row -> row.real().revenueMinor()),
			"orders", Comparator.comparingInt(row -> row.real().orders()),
			"clicks", Comparator.comparingLong(row -> row.real().clicks()));

	private final StreamService streams;
	private final StatsService stats;
	private final InteractionService interactions;
	private final PresenceService presence;
	private final AudienceSimulator simulator;
	private final SampleRepository samples;
	private final ProductStatsService products;
	private final Clock clock;
	private final ChatFigures chat;
	private final LiveCommerceFigures liveCommerce;

	AnalyticsService(StreamService streams, StatsService stats, InteractionService interactions,
			PresenceService presence, AudienceSimulator simulator, SampleRepository samples,
			ProductStatsService products, Clock clock, ChatFigures chat, LiveCommerceFigures liveCommerce) {
		this.chat = chat;
		this.liveCommerce = liveCommerce;
		this.products = products;
		this.streams = streams;
		this.stats = stats;
		this.interactions = interactions;
		this.presence = presence;
		this.simulator = simulator;
		this.samples = samples;
		this.clock = clock;
	}

	public StreamAnalytics report(long streamId, Caller caller) {
		Stream stream = streams.getManaged(streamId, caller);
		SellerStats figures = stats.figures(stream);
		List<Sample> timeline = withChatRates(stream, SampleRepository.withRates(samples.timeline(streamId, stream.endedAt())));
		EngagedViewers engaged = interactions.engagedViewers(streamId);
		double minutes = figures.durationSeconds() / 60.0;
		double likesPerMinute = minutes > 0 ? round(figures.likeFigures().likes() / minutes) : 0;
		double likesPerEngaged = engaged.viewers() > 0 ? round((double) engaged.likes() / engaged.viewers()) : 0;
		StreamAnalytics.SimulatedSummary simulated = null;
		if (stream.isRehearsal()) {
			int simulatedPeak = timeline.stream().map(Sample::simulatedViewers).filter(v -> v != null)
				.mapToInt(Integer::intValue).max().orElse(0);
			SimulatedAudience now = simulator.audienceOf(stream).orElse(new SimulatedAudience(0, 0));
			simulated = new StreamAnalytics.SimulatedSummary(Math.max(simulatedPeak, now.viewers()), now.likes());
		}
		return new StreamAnalytics(figures.stream(), figures.durationSeconds(),
				new StreamAnalytics.Watching(figures.audience().peakViewers(), figures.audience().uniqueViewers(),
						round(presence.averageWatchSeconds(streamId))),
				new StreamAnalytics.Liking(figures.likeFigures().likes(), likesPerMinute, engaged.viewers(), likesPerEngaged),
				figures.sales(), chatting(stream, minutes), stream.isRehearsal() ? Boolean.TRUE : null, simulated,
				practiceChat(stream), figures.practiceSales(), timeline, productFigures(stream),
				stream.isRehearsal() ? null : liveCommerce.of(streamId), stream.isRehearsal() ? liveCommerce.of(streamId) : null);
	}

	private StreamAnalytics.Chatting chatting(Stream stream, double minutes) {
		ChatFigures.Summary real = chat.real(stream.id());
		return new StreamAnalytics.Chatting(real.chatters(), real.messages(), real.questions(),
				minutes > 0 ? round(real.messages() / minutes) : 0);
	}

	private StreamAnalytics.PracticeChat practiceChat(Stream stream) {
		if (!stream.isRehearsal()) {
			return null;
		}
		ChatFigures.Summary practice = chat.practice(stream.id());
		return new StreamAnalytics.PracticeChat(practice.chatters(), practice.messages(), practice.questions());
	}

	/** Each sample with the real chat messages per minute since the sample before (since the start for the first). */
	private List<Sample> withChatRates(Stream stream, List<Sample> timeline) {
		if (timeline.isEmpty()) {
			return timeline;
		}
		long[] counts = chat.realMessagesUpTo(stream.id(), stream.startedAt(), timeline.stream().map(Sample::at).toList());
		List<Sample> rated = new java.util.ArrayList<>(timeline.size());
		Instant previous = stream.startedAt();
		for (int i = 0; i < timeline.size(); i++) {
			Sample sample = timeline.get(i);
			double minutes = previous == null ? 0 : (sample.at().toEpochMilli() - previous.toEpochMilli()) / 60_000.0;
			rated.add(sample.withMessagesPerMinute(minutes > 0 ? Math.round(counts[i] / minutes * 10) / 10.0 : 0));
			previous = sample.at();
		}
		return rated;
	}

	private List<ProductStats.ProductFigures> productFigures(Stream stream) {
		List<ProductStats.ProductFigures> figures = products.statsOf(stream).products();
		return figures.isEmpty() ? null : figures;
	}

	/**
	 * The timeline as CSV with a header row; simulated columns only for rehearsals. When the stream
	 * showed products, a blank line and the per-product table follow ({@link ProductCsv}).
	 */
	public String timelineCsv(long streamId, Caller caller) {
		Stream stream = streams.getManaged(streamId, caller);
		List<Sample> timeline = withChatRates(stream, SampleRepository.withRates(samples.timeline(streamId, stream.endedAt())));
		StringBuilder csv = new StringBuilder(stream.isRehearsal()
				? "sampled_at,real_viewers,real_likes,real_likes_per_minute,real_chat_messages_per_minute,simulated_viewers,simulated_likes\r\n"
				: "sampled_at,real_viewers,real_likes,real_likes_per_minute,real_chat_messages_per_minute\r\n");
		for (Sample sample : timeline) {
			csv.append(sample.at()).append(',').append(sample.viewers()).append(',').append(sample.likes()).append(',')
				.append(String.format(Locale.ROOT, "%.1f", sample.likesPerMinute())).append(',')
				.append(String.format(Locale.ROOT, "%.1f", sample.messagesPerMinute()));
			if (stream.isRehearsal()) {
				csv.append(',').append(sample.simulatedViewers() == null ? "" : sample.simulatedViewers())
					.append(',').append(sample.simulatedLikes() == null ? "" : sample.simulatedLikes());
			}
			csv.append("\r\n");
		}
		List<ProductStats.ProductFigures> shown = productFigures(stream);
		if (shown != null) {
			csv.append("\r\n");
			ProductCsv.append(csv, shown);
		}
		return csv.toString();
	}

	public List<AdminStreamRow> allStreams(StreamStatus status, Long vendorId, String sort, boolean descending) {
		Comparator<AdminStreamRow> comparator = SORTS.get(sort);
		if (comparator == null) {
			throw ApiProblem.badRequest("Cannot sort by '%s'; use one of %s.".formatted(sort,
					SORTS.keySet().stream().sorted().toList()));
		}
		Instant now = clock.instant();
		return streams.listAll(status).stream()
			.filter(stream -> vendorId == null || stream.vendorId() == vendorId)
			.map(stream -> row(stream, now))
			.sorted(descending ? comparator.reversed() : comparator)
			.toList();
	}

	private AdminStreamRow row(Stream stream, Instant now) {
		SellerStats figures = stats.figures(stream);
		AdminStreamRow.RealFigures real = new AdminStreamRow.RealFigures(figures.audience().viewers(),
				figures.audience().peakViewers(), figures.audience().uniqueViewers(), figures.likeFigures().likes(),
				figures.sales().revenueMinor(), figures.sales().currency(), figures.sales().orders(),
				products.realClicks(stream));
		AdminStreamRow.SimulatedFigures simulated = figures.simulated() == null ? null
				: new AdminStreamRow.SimulatedFigures(figures.simulated().viewers(), figures.simulated().likes());
		SellerStats.Sales practiceSales = figures.practiceSales();
		AdminStreamRow.PracticeFigures practice = practiceSales == null ? null
				: new AdminStreamRow.PracticeFigures(practiceSales.revenueMinor(), practiceSales.currency(),
						practiceSales.orders(), products.practiceClicks(stream));
		return new AdminStreamRow(stream.id(), stream.vendorId(), stream.sellerLabel(), stream.title(), stream.mode(),
				stream.status(), stream.createdAt(), stream.startedAt(), stream.endedAt(), stream.durationSecondsAt(now),
				real, simulated, practice);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}
}
