package io.livepulse.media;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What Janus told about each viewer session, by handle: the mountpoint it watches and its peer. Janus tells either
 * once, at the session's start, and its media statistics every 5 s name only the handle; those statistics may reach
 * another node than the start did, so what one node learns is learned by every node (the playback module relays it).
 */
@Component
public class WebRtcSessions {

	record Facts(@Nullable String mountpoint, @Nullable String peerAddress, boolean relayed) {

		static final Facts UNKNOWN = new Facts(null, null, false);

		Facts with(WebRtcSessionLearned learned) {
			return learned.peerAddress() != null ? new Facts(mountpoint, learned.peerAddress(), learned.relayed())
					: new Facts(learned.mountpoint() != null ? learned.mountpoint() : mountpoint, peerAddress, relayed);
		}
	}

	private final Cache<Long, Facts> byHandle = Caffeine.newBuilder().maximumSize(200_000)
		.expireAfterAccess(Duration.ofHours(1)).build();

	public void learn(WebRtcSessionLearned learned) {
		byHandle.asMap().merge(learned.handle(), Facts.UNKNOWN.with(learned), (known, added) -> known.with(learned));
	}

	Facts of(long handle) {
		Facts known = byHandle.getIfPresent(handle);
		return known == null ? Facts.UNKNOWN : known;
	}
}
