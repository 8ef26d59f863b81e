package io.livepulse.presence;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.springframework.stereotype.Component;

/** Counts heartbeats that were refused a place in the count, by reason and by address (bounded). */
@Component
class PresenceRefusals {

	private static final int TRACKED_ADDRESSES = 10_000;
	private static final int TOP = 10;

	private final Map<UncountedHeartbeats.Reason, LongAdder> byReason = new EnumMap<>(UncountedHeartbeats.Reason.class);
	private final Cache<String, LongAdder> byAddress = Caffeine.newBuilder().maximumSize(TRACKED_ADDRESSES).build();
	private final LongAdder addressesSeen = new LongAdder();

	PresenceRefusals(MeterRegistry meters) {
		for (UncountedHeartbeats.Reason reason : UncountedHeartbeats.Reason.values()) {
			LongAdder adder = new LongAdder();
			byReason.put(reason, adder);
			meters.more().counter("livepulse.heartbeats.uncounted", List.of(Tag.of("reason", reason.name().toLowerCase())),
					adder, LongAdder::doubleValue);
		}
	}

	void record(UncountedHeartbeats.Reason reason, String address) {
		byReason.get(reason).increment();
		byAddress.get(address, key -> {
			addressesSeen.increment();
			return new LongAdder();
		}).increment();
	}

	UncountedHeartbeats report() {
		Map<UncountedHeartbeats.Reason, Long> reasons = new EnumMap<>(UncountedHeartbeats.Reason.class);
		byReason.forEach((reason, count) -> reasons.put(reason, count.sum()));
		long total = reasons.values().stream().mapToLong(Long::longValue).sum();
		List<UncountedHeartbeats.AddressCount> top = byAddress.asMap().entrySet().stream()
			.map(entry -> new UncountedHeartbeats.AddressCount(entry.getKey(), entry.getValue().sum()))
			.sorted(Comparator.comparingLong(UncountedHeartbeats.AddressCount::heartbeats).reversed())
			.limit(TOP)
			.toList();
		return new UncountedHeartbeats(total, addressesSeen.sum(), reasons, top);
	}
}
