package io.livepulse.shopping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.livepulse.security.Caller;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/** Builds the per-product figures of a stream for its seller and admins, from {@link ShopFigures}. */
@Service
public class ProductStatsService {

	private final StreamService streams;
	private final ProductRepository products;
	private final ShowcaseRepository showcases;
	private final ShowcaseService showcase;
	private final ShopFigures figures;
	private final Clock clock;

	ProductStatsService(StreamService streams, ProductRepository products, ShowcaseRepository showcases,
			ShowcaseService showcase, ShopFigures figures, Clock clock) {
		this.streams = streams;
		this.products = products;
		this.showcases = showcases;
		this.showcase = showcase;
		this.figures = figures;
		this.clock = clock;
	}

	public ProductStats stats(long streamId, Caller caller) {
		return statsOf(streams.getManaged(streamId, caller));
	}

	/** The figures of any stream, for callers that already decided who may see them (analytics). */
	public ProductStats statsOf(Stream stream) {
		ShopFigures.StreamFigures streamFigures = figures.of(stream.id());
		Instant now = clock.instant();
		Long pinnedNow = showcase.pinned(stream.id()).map(ProductCard::productId).orElse(null);
		synchronized (streamFigures) {
			Set<Long> ids = new LinkedHashSet<>(showcases.productIds(stream.id()));
			ids.addAll(streamFigures.clicks.keySet());
			ids.addAll(streamFigures.impressions.keySet());
			ids.addAll(streamFigures.sales.keySet());
			streamFigures.windows.forEach(window -> ids.add(window.productId()));
			Map<Long, Product> found = products.byIds(ids).stream()
				.collect(Collectors.toMap(Product::id, Function.identity()));
			List<ProductStats.ProductFigures> rows = ids.stream().filter(found::containsKey)
				.map(id -> row(found.get(id), streamFigures, stream.isRehearsal(), id.equals(pinnedNow), now))
				.toList();
			return new ProductStats(stream.id(), stream.isRehearsal() ? Boolean.TRUE : null, rows);
		}
	}

	/** Real clicks on the stream's products (0 on a rehearsal, whose clicks are practice). */
	public long realClicks(Stream stream) {
		return stream.isRehearsal() ? 0 : clicks(stream);
	}

	/** A rehearsal's clicks on its products, which are practice (0 on any other stream). */
	public long practiceClicks(Stream stream) {
		return stream.isRehearsal() ? clicks(stream) : 0;
	}

	private long clicks(Stream stream) {
		ShopFigures.StreamFigures streamFigures = figures.of(stream.id());
		synchronized (streamFigures) {
			return streamFigures.clicks.values().stream().mapToLong(Long::longValue).sum();
		}
	}

	private static ProductStats.ProductFigures row(Product product, ShopFigures.StreamFigures streamFigures,
			boolean rehearsal, boolean pinnedNow, Instant now) {
		long id = product.id();
		List<ProductStats.PinWindow> windows = streamFigures.windows.stream().filter(window -> window.productId() == id)
			.map(window -> new ProductStats.PinWindow(window.from(), window.to())).toList();
		long pinnedSeconds = windows.stream()
			.mapToLong(window -> Duration.between(window.from(), window.to() == null ? now : window.to()).toSeconds())
			.sum();
		long impressions = streamFigures.impressions.getOrDefault(id, Set.of()).size();
		long clicks = streamFigures.clicks.getOrDefault(id, 0L);
		ShopFigures.Sales sales = streamFigures.sales.getOrDefault(id, new ShopFigures.Sales());
		String currency = sales.currency != null ? sales.currency : product.currency();
		if (rehearsal) {
			return new ProductStats.ProductFigures(id, product.title(), pinnedNow, windows, pinnedSeconds, 0, 0, 0, 0, 0,
					0, 0, 0, 0, currency,
					new ProductStats.Practice(impressions, clicks, sales.orders, sales.revenueMinor));
		}
		return new ProductStats.ProductFigures(id, product.title(), pinnedNow, windows, pinnedSeconds, impressions, clicks,
				ratio(clicks, impressions), sales.orders, sales.units, ratio(sales.orders, clicks), sales.revenueMinor,
				sales.revenueInPinMinor, sales.revenueMinor - sales.revenueInPinMinor, currency, null);
	}

	private static double ratio(long part, long whole) {
		return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
	}
}
