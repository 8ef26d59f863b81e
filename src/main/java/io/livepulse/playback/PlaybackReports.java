package io.livepulse.playback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Builds the admins' viewer report of a stream from this node's evidence, and keeps its history: present and
 * verified every {@link #SAMPLE_EVERY}, for the last two hours.
 */
@Component
class PlaybackReports implements SchedulingConfigurer {

	/** A page heartbeats every 10 s: one heard within this is present. */
	static final Duration PRESENT_WITHIN = Duration.ofSeconds(25);
	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
	private static final int SAMPLES_KEPT = 720;
	private static final int TOP = 20;

	private final PlaybackEvidence evidence;
	private final VerifiedViewers verifiedViewers;
	private final PlaybackProperties properties;
	private final Clock clock;
	private final Map<Long, Deque<PlaybackReport.Sample>> history = new ConcurrentHashMap<>();

	PlaybackReports(PlaybackEvidence evidence, VerifiedViewers verifiedViewers, PlaybackProperties properties, Clock clock) {
		this.evidence = evidence;
		this.verifiedViewers = verifiedViewers;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::sample, SAMPLE_EVERY);
	}

	void sample() {
		long now = clock.millis();
		history.keySet().retainAll(evidence.streamsWithWatches());
		for (long streamId : evidence.streamsWithWatches()) {
			List<PlaybackReport.Device> devices = devices(streamId, now);
			Deque<PlaybackReport.Sample> samples = history.computeIfAbsent(streamId, id -> new ArrayDeque<>());
			synchronized (samples) {
				samples.addLast(new PlaybackReport.Sample(Instant.ofEpochMilli(now), present(devices, now).size(),
						(int) devices.stream().filter(PlaybackReport.Device::watching).count()));
				while (samples.size() > SAMPLES_KEPT) {
					samples.removeFirst();
				}
			}
		}
	}

	PlaybackReport report(long streamId) {
		long now = clock.millis();
		List<PlaybackReport.Device> devices = devices(streamId, now);
		List<PlaybackReport.Device> present = present(devices, now);
		Deque<PlaybackReport.Sample> samples = history.getOrDefault(streamId, new ArrayDeque<>());
		List<PlaybackReport.Sample> past;
		synchronized (samples) {
			past = List.copyOf(samples);
		}
		PlaybackEvidence.StreamRefusals refusals = evidence.refusalsOf(streamId);
		Map<PlaybackEvidence.Refusal, Long> refused = new EnumMap<>(PlaybackEvidence.Refusal.class);
		refusals.counts().forEach((reason, count) -> refused.put(reason, count.get()));
		return new PlaybackReport(streamId, verifiedViewers.verifies(streamId), present.size(),
				(int) present.stream().filter(PlaybackReport.Device::watching).count(),
				(int) present.stream().filter(device -> device.watching() && device.webRtc()).count(), past, refused,
				top(refusals.byAddress().entrySet().stream()
					.map(entry -> new PlaybackReport.Count(entry.getKey(), entry.getValue().get())).toList()),
				counted(present, PlaybackReport.Device::heartbeatAddress),
				counted(present, device -> network(device.heartbeatAddress())),
				devices.stream().filter(device -> device.fetchedFrom().size() > 1).limit(TOP).toList(),
				present.stream().filter(device -> device.lastNewSegment() == null).limit(TOP).toList(),
				counted(devices.stream().filter(device -> !device.userAgent().isEmpty()).toList(), PlaybackReport.Device::userAgent));
	}

	List<PlaybackReport.Device> devicesNow(long streamId) {
		return devices(streamId, clock.millis());
	}

	private List<PlaybackReport.Device> devices(long streamId, long now) {
		List<PlaybackReport.Device> devices = new ArrayList<>();
		evidence.watchesOf(streamId).forEach((viewerKey, watch) -> devices.add(new PlaybackReport.Device(viewerKey,
				watch.heartbeatAddress, List.copyOf(watch.fetchedFrom), instant(watch.heartbeatAt), instant(watch.playlistAt),
				instant(watch.segmentAt), watch.watching(now, properties.evidenceWindow()),
				watch.webRtc, watch.userAgent)));
		devices.sort(Comparator.comparing(PlaybackReport.Device::viewerKey));
		return devices;
	}

	private static List<PlaybackReport.Device> present(List<PlaybackReport.Device> devices, long now) {
		return devices.stream().filter(device -> device.lastHeartbeat() != null
				&& device.lastHeartbeat().toEpochMilli() >= now - PRESENT_WITHIN.toMillis()).toList();
	}

	private static List<PlaybackReport.Count> counted(List<PlaybackReport.Device> devices,
			Function<PlaybackReport.Device, String> key) {
		return top(devices.stream().filter(device -> !key.apply(device).isEmpty())
			.collect(Collectors.groupingBy(key, Collectors.counting())).entrySet().stream()
			.map(entry -> new PlaybackReport.Count(entry.getKey(), entry.getValue())).toList());
	}

	private static List<PlaybackReport.Count> top(List<PlaybackReport.Count> counts) {
		return counts.stream().sorted(Comparator.comparingLong(PlaybackReport.Count::count).reversed()
			.thenComparing(PlaybackReport.Count::key)).limit(TOP).toList();
	}

	private static String network(String address) {
		String network = PlaybackTokens.network(address);
		return network.isEmpty() || network.endsWith("/64") ? network : network + ".0/24";
	}

	private static Instant instant(long millis) {
		return millis == 0 ? null : Instant.ofEpochMilli(millis);
	}
}
