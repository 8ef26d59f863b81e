package io.livepulse.shopping;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.cluster.ChangedOnAnotherNode;
import io.livepulse.cluster.ClusterAnnouncements;
import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * Each stream's showcase (the seller's products in order) and its pinned product. One stream's
 * showcase and pin change one at a time; every pin change is published as {@link PinChanged} (the
 * event stream pushes it to viewers) and closes or opens a pin window for the figures. With several
 * nodes each change is announced to the others, which re-read the pin and push it to their own viewers.
 */
@Service
public class ShowcaseService {

	private static final Logger log = LoggerFactory.getLogger(ShowcaseService.class);
	private static final String PIN_TOPIC = "pin";
	private static final Object[] LOCKS = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

	private final StreamService streams;
	private final ProductRepository products;
	private final ShowcaseRepository repository;
	private final ShopFigures figures;
	private final ShoppingProperties properties;
	private final ApplicationEventPublisher events;
	private final ClusterAnnouncements cluster;
	private final TransactionTemplate transactions;
	private final Clock clock;
	/** The card pinned on each stream asked about since start-up (empty: nothing pinned). */
	private final Map<Long, Optional<ProductCard>> pins = new ConcurrentHashMap<>();

	ShowcaseService(StreamService streams, ProductRepository products, ShowcaseRepository repository,
			ShopFigures figures, ShoppingProperties properties, ApplicationEventPublisher events,
			ClusterAnnouncements cluster, TransactionTemplate transactions, Clock clock) {
		this.streams = streams;
		this.products = products;
		this.repository = repository;
		this.figures = figures;
		this.properties = properties;
		this.events = events;
		this.cluster = cluster;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The showcase as viewers see it: products not archived, in the seller's order, and the pinned one. */
	public Showcase showcase(long streamId, Optional<Caller> caller) {
		Stream stream = streams.getVisible(streamId, caller);
		return view(stream);
	}

	/** The card of a product in the stream's showcase (not archived), as viewers see it; empty when it is not there. */
	public Optional<ProductCard> showcased(long streamId, long productId) {
		return view(streams.get(streamId)).products().stream().filter(card -> card.productId() == productId).findFirst();
	}

	/** Replaces the stream's showcase; every product must be the stream seller's and not archived. */
	public Showcase replace(long streamId, Caller caller, List<Long> productIds) {
		Stream stream = streams.getManaged(streamId, caller);
		refuseEnded(stream, "its showcase can no longer change");
		ShowcaseRules.check(productIds, properties.maxShowcase(), stream.vendorId(), products::byIds);
		synchronized (lockOf(streamId)) {
			underStreamLock(streamId, "its showcase can no longer change", () -> repository.replace(streamId, productIds));
			Optional<ProductCard> pinned = pinned(streamId);
			if (pinned.isPresent() && !productIds.contains(pinned.get().productId())) {
				unpinLocked(streamId);
			}
		}
		return view(stream);
	}

	/** Pins a product of the showcase for every viewer; pinning another replaces it. */
	public Showcase pin(long streamId, Caller caller, Long productId) {
		Stream stream = streams.getManaged(streamId, caller);
		if (productId == null) {
			throw ApiProblem.badRequest("Say which product to pin: {\"productId\": <id>}.")
				.with("errors", List.of(new FieldError("productId", "is required")));
		}
		synchronized (lockOf(streamId)) {
			refuseEnded(streams.get(streamId), "nothing can be pinned any more");
			Product product = products.find(productId).filter(found -> found.vendorId() == stream.vendorId())
				.orElseThrow(() -> ProductService.notYours(productId));
			if (product.archived() || !repository.contains(streamId, productId)) {
				throw ApiProblem.unprocessable("Product %d is not in stream %d's showcase; add it there first."
					.formatted(productId, streamId));
			}
			Instant now = clock.instant();
			underStreamLock(streamId, "nothing can be pinned any more", () -> repository.pin(streamId, productId, now));
			ProductCard card = ProductCard.of(product, streamId);
			pins.put(streamId, Optional.of(card));
			figures.pinWindowsChanged(streamId);
			log.info("Stream {} pinned product {}", streamId, productId);
			events.publishEvent(new PinChanged(streamId, card, now));
			cluster.announce(PIN_TOPIC, streamId);
		}
		return view(stream);
	}

	public Showcase unpin(long streamId, Caller caller) {
		Stream stream = streams.getManaged(streamId, caller);
		synchronized (lockOf(streamId)) {
			refuseEnded(streams.get(streamId), "its pin has already been taken down");
			unpinLocked(streamId);
		}
		return view(stream);
	}

	/** The product pinned on the stream now, if any. */
	public Optional<ProductCard> pinned(long streamId) {
		return pins.computeIfAbsent(streamId, id -> repository.pinnedProduct(id).flatMap(products::find)
			.filter(product -> !product.archived()).map(product -> ProductCard.of(product, id)));
	}

	/** Streams with a product pinned now, among those asked about since start-up. */
	Set<Long> streamsWithPins() {
		Set<Long> pinning = new HashSet<>();
		pins.forEach((streamId, card) -> {
			if (card.isPresent()) {
				pinning.add(streamId);
			}
		});
		return pinning;
	}

	boolean inShowcase(long streamId, long productId) {
		return repository.contains(streamId, productId);
	}

	@EventListener
	void on(ProductService.ProductArchived archived) {
		for (long streamId : repository.streamsPinning(archived.productId())) {
			synchronized (lockOf(streamId)) {
				unpinLocked(streamId);
			}
		}
	}

	/** The stream's last pin window closes when it ends. */
	@ApplicationModuleListener
	void on(StreamEnded ended) {
		synchronized (lockOf(ended.streamId())) {
			repository.unpin(ended.streamId(), ended.endedAt());
			pins.remove(ended.streamId());
			figures.pinWindowsChanged(ended.streamId());
		}
	}

	/**
	 * Runs a showcase or pin write under the stream's row lock: the lock above orders this node's requests, this
	 * one orders nodes, so two pins at once on two nodes never leave two open pin windows.
	 */
	private void underStreamLock(long streamId, String refusedBecause, Runnable write) {
		transactions.executeWithoutResult(status -> {
			// the status under the lock, from the database: an end on another node may not have reached this one's cache
			if (streams.lockForWrite(streamId).orElse(StreamStatus.ENDED) == StreamStatus.ENDED) {
				throw ended(streamId, refusedBecause);
			}
			write.run();
		});
	}

	private void unpinLocked(long streamId) {
		Instant now = clock.instant();
		if (repository.unpin(streamId, now)) {
			log.info("Stream {} unpinned its product", streamId);
			pins.put(streamId, Optional.empty());
			figures.pinWindowsChanged(streamId);
			events.publishEvent(new PinChanged(streamId, null, now));
			cluster.announce(PIN_TOPIC, streamId);
		}
	}

	/** A pin or unpin on another node: read the pin again and tell this node's viewers if it changed. */
	@EventListener
	void on(ChangedOnAnotherNode changed) {
		if (!PIN_TOPIC.equals(changed.topic())) {
			return;
		}
		long streamId = changed.streamId();
		synchronized (lockOf(streamId)) {
			Optional<ProductCard> before = pins.remove(streamId);
			Optional<ProductCard> now = pinned(streamId);
			figures.pinWindowsChanged(streamId);
			if (!now.equals(before)) {
				events.publishEvent(new PinChanged(streamId, now.orElse(null), clock.instant()));
			}
		}
	}

	private Showcase view(Stream stream) {
		List<Long> ids = repository.productIds(stream.id());
		Map<Long, Product> found = products.byIds(ids).stream()
			.collect(Collectors.toMap(Product::id, Function.identity()));
		List<ProductCard> cards = ids.stream().map(found::get).filter(product -> product != null && !product.archived())
			.map(product -> ProductCard.of(product, stream.id())).toList();
		return new Showcase(stream.id(), cards, pinned(stream.id()).orElse(null));
	}

	private static ApiProblem ended(long streamId, String what) {
		return ApiProblem.conflict("Stream %d has ended; %s.".formatted(streamId, what));
	}

	private static void refuseEnded(Stream stream, String what) {
		if (stream.status() == StreamStatus.ENDED) {
			throw ended(stream.id(), what);
		}
	}

	private static Object lockOf(long streamId) {
		return LOCKS[(int) Math.floorMod(streamId, (long) LOCKS.length)];
	}
}
