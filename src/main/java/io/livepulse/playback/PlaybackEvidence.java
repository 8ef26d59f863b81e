package io.livepulse.playback;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.livepulse.shared.ClientAddress;

/**
 * What each viewer's player fetched, per stream and viewer key, from the delivery log: the last playlist and the
 * last whole new live segment, taken when the line arrives. A line counts only with a token that verifies for the
 * line's client address, for the stream whose video it fetched; a segment only when served whole, newer than the
 * one before and made in the last {@link #LIVE_SEGMENT_AGE} (a replay's or an old segment is not live watching).
 * Also what the report needs: the addresses and user agent each key fetched from, and why lines were not taken.
 */
@Component
class PlaybackEvidence {

	static final Duration LIVE_SEGMENT_AGE = Duration.ofSeconds(30);
	private static final Duration FORGET_AFTER = Duration.ofMinutes(3);
	private static final int ADDRESSES_KEPT = 8;
	/** nginx-rtmp names fragments by its clock in ms (hls_fragment_naming system). */
	private static final Pattern MEDIA_CLOCK_NAME = Pattern.compile("\\d{13}");

	/** Why a line proved nothing; REPEATED_SEGMENT also covers a segment older than the one fetched before. */
	enum Refusal { NO_TOKEN, TOKEN_NOT_VALID_HERE, OTHER_STREAM, PARTIAL_SEGMENT, OLD_SEGMENT, REPEATED_SEGMENT }

	record StreamRefusals(Map<Refusal, AtomicLong> counts, Map<String, AtomicLong> byAddress) {

		static StreamRefusals empty() {
			return new StreamRefusals(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
		}
	}

	private final Map<Long, Map<String, Watch>> watches = new ConcurrentHashMap<>();
	private final Map<Long, StreamRefusals> refusals = new ConcurrentHashMap<>();
	private final PlaybackTokens tokens;
	private final VideoStreams videos;
	private final WatchingBegan began;
	private final Clock clock;

	PlaybackEvidence(PlaybackTokens tokens, VideoStreams videos, WatchingBegan began, Clock clock) {
		this.tokens = tokens;
		this.videos = videos;
		this.began = began;
		this.clock = clock;
	}

	/** Takes one line of the delivery log; a line for no current stream's video is ignored. */
	void take(PlaybackLogLine line) {
		Optional<Long> stream = videos.streamOf(line.playbackId());
		if (stream.isEmpty()) {
			return;
		}
		long streamId = stream.get();
		Optional<PlaybackTokens.Claims> claims = tokens.verify(line.token(), line.address(), line.atMillis());
		if (claims.isEmpty()) {
			refuse(streamId, line.token() == null ? Refusal.NO_TOKEN : Refusal.TOKEN_NOT_VALID_HERE, line.address());
			return;
		}
		if (claims.get().streamId() != streamId) {
			refuse(streamId, Refusal.OTHER_STREAM, line.address());
			return;
		}
		Watch watch = watch(streamId, claims.get().viewerKey());
		if (watch.fetchedFrom.size() < ADDRESSES_KEPT) {
			watch.fetchedFrom.add(line.address());
		}
		watch.userAgent = line.userAgent().length() > 200 ? line.userAgent().substring(0, 200) : line.userAgent();
		long now = clock.millis();
		if (line.isPlaylist() && line.status() == 200) {
			watch.playlistAt = now;
		}
		else if (line.isSegment()) {
			segment(streamId, watch, line, now);
		}
		began.afterEvidence(streamId, watch, now);
	}

	private void segment(long streamId, Watch watch, PlaybackLogLine line, long now) {
		if (!line.servedWhole()) {
			refuse(streamId, Refusal.PARTIAL_SEGMENT, line.address());
			return;
		}
		String name = line.file().substring(0, line.file().lastIndexOf('.'));
		if (MEDIA_CLOCK_NAME.matcher(name).matches() && Long.parseLong(name) < line.atMillis() - LIVE_SEGMENT_AGE.toMillis()) {
			refuse(streamId, Refusal.OLD_SEGMENT, line.address());
			return;
		}
		synchronized (watch) {
			if (line.file().equals(watch.lastSegment) || olderThan(line.file(), watch.lastSegment)) {
				refuse(streamId, Refusal.REPEATED_SEGMENT, line.address());
				return;
			}
			watch.lastSegment = line.file();
			watch.segmentAt = now;
		}
	}

	/**
	 * Janus sent media to the WebRTC session named by this token: as good as a playlist and a new segment, when the
	 * session watches the token's stream (its mountpoint is that stream's playback id: a client cannot pull one
	 * stream's video to be counted on another) and the token verifies for the network of the session's peer (the viewer's address on the selected ICE pair), or,
	 * where that cannot be judged ({@link #judgedBy}), for the network the viewer heartbeats from. A session lasts
	 * longer than a token: not expired is not asked.
	 */
	void webRtc(String token, @Nullable String mountpoint, @Nullable String peerAddress, boolean relayed, long now) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 4 || !PlaybackTokens.STREAM_ID.matcher(parts[0]).matches()) {
			return;
		}
		long streamId = Long.parseLong(parts[0]);
		Watch watch = watchesOf(streamId).get(parts[2]);
		if (watch == null) {
			return; // no heartbeat of that viewer on that stream: nothing to credit (and no refusal kept for a made-up id)
		}
		if (mountpoint == null) {
			return; // Janus has not told (yet) what the session watches: nothing credited until it has
		}
		if (!videos.streamOf(mountpoint).equals(Optional.of(streamId))) {
			refuse(streamId, Refusal.OTHER_STREAM, peerAddress == null ? watch.heartbeatAddress : peerAddress);
			return;
		}
		String address = judgedBy(relayed, peerAddress, watch.heartbeatAddress);
		if (address.isEmpty() || tokens.verify(token, address, PlaybackTokens.ANY_TIME).isEmpty()) {
			refuse(streamId, Refusal.TOKEN_NOT_VALID_HERE, peerAddress == null ? address : peerAddress);
			return;
		}
		if (peerAddress != null && watch.fetchedFrom.size() < ADDRESSES_KEPT) {
			watch.fetchedFrom.add(peerAddress);
		}
		watch.playlistAt = now;
		watch.segmentAt = now;
		watch.webRtc = true;
		began.afterEvidence(streamId, watch, now);
	}

	/**
	 * The address a WebRTC session's token must verify for: its peer's, when both it and the address the viewer
	 * heartbeats from are public addresses of one family. Else (a TURN relay, a LAN, IPv6 for the page and IPv4 for
	 * the media, an unknown peer) the heartbeat's, which a token always verifies for.
	 */
	private static String judgedBy(boolean relayed, @Nullable String peerAddress, String heartbeatAddress) {
		if (relayed || peerAddress == null) {
			return heartbeatAddress;
		}
		InetAddress peer = ClientAddress.literal(peerAddress);
		InetAddress page = ClientAddress.literalOfKey(heartbeatAddress);
		boolean comparable = peer != null && page != null && ClientAddress.isPublic(peer) && ClientAddress.isPublic(page)
				&& peer.getAddress().length == page.getAddress().length;
		return comparable ? peerAddress : heartbeatAddress;
	}

	/** Both named by the media server's clock (13 digits, ms) and this one made before the other. */
	private static boolean olderThan(String file, String last) {
		String name = file.substring(0, file.lastIndexOf('.'));
		String lastName = last.isEmpty() ? "" : last.substring(0, last.lastIndexOf('.'));
		return MEDIA_CLOCK_NAME.matcher(name).matches() && MEDIA_CLOCK_NAME.matcher(lastName).matches() && Long.parseLong(name) < Long.parseLong(lastName);
	}

	/** A heartbeat of this viewer key from this address (what the report compares fetching with). */
	Watch heartbeat(long streamId, String viewerKey, String address, long now) {
		Watch watch = watch(streamId, viewerKey);
		watch.heartbeatAt = now;
		watch.heartbeatAddress = address;
		return watch;
	}

	/** Fetched the playlist and a whole new live segment within the window, by this node's clock. */
	boolean watching(long streamId, String viewerKey, long now, Duration window) {
		Map<String, Watch> ofStream = watches.get(streamId);
		Watch watch = ofStream == null ? null : ofStream.get(viewerKey);
		return watch != null && watch.watching(now, window);
	}

	Set<Long> streamsWithWatches() {
		return Set.copyOf(watches.keySet());
	}

	Map<String, Watch> watchesOf(long streamId) {
		return watches.getOrDefault(streamId, Map.of());
	}

	StreamRefusals refusalsOf(long streamId) {
		return refusals.getOrDefault(streamId, StreamRefusals.empty());
	}

	/** Forgets viewers silent for minutes, and the streams left without any. */
	void forgetSilent(long now) {
		for (Long streamId : watches.keySet()) {
			// inside the map's own lock for the key, so a watch added meanwhile is never left in a dropped map
			watches.computeIfPresent(streamId, (id, ofStream) -> {
				ofStream.values().removeIf(watch -> watch.lastSeen() < now - FORGET_AFTER.toMillis());
				return ofStream.isEmpty() ? null : ofStream;
			});
		}
	}

	/** The viewer left: evidence arriving after (a segment still on its way) does not count them again. */
	void left(long streamId, String viewerKey) {
		Watch watch = watchesOf(streamId).get(viewerKey);
		if (watch != null) {
			watch.uncountedViewer = null;
		}
	}

	void forget(long streamId) {
		watches.remove(streamId);
		refusals.remove(streamId);
	}

	private Watch watch(long streamId, String viewerKey) {
		Map<String, Watch> ofStream = watches.get(streamId);
		Watch known = ofStream == null ? null : ofStream.get(viewerKey);
		if (known != null) {
			return known;
		}
		Watch[] added = new Watch[1];
		// under the stream's key, as forgetSilent drops an emptied map: a new watch never lands in a dropped one
		watches.compute(streamId, (id, map) -> {
			Map<String, Watch> present = map == null ? new ConcurrentHashMap<>() : map;
			added[0] = present.computeIfAbsent(viewerKey, key -> new Watch());
			return present;
		});
		return added[0];
	}

	private void refuse(long streamId, Refusal refusal, String address) {
		StreamRefusals ofStream = refusals.computeIfAbsent(streamId, id -> StreamRefusals.empty());
		ofStream.counts().computeIfAbsent(refusal, key -> new AtomicLong()).incrementAndGet();
		if (ofStream.byAddress().size() < 10_000 || ofStream.byAddress().containsKey(address)) {
			ofStream.byAddress().computeIfAbsent(address, key -> new AtomicLong()).incrementAndGet();
		}
	}
}
