package io.livepulse.push;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.livepulse.media.VideoService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/** The home page's list: public LIVE-mode streams that are live now, with their public figures and picture. */
@Service
public class LiveNow {

	private final StreamService streams;
	private final StatsService stats;
	private final VideoService videos;

	LiveNow(StreamService streams, StatsService stats, VideoService videos) {
		this.streams = streams;
		this.stats = stats;
		this.videos = videos;
	}

	public List<LiveNowEntry> list() {
		List<Stream> live = streams.listPublic(StreamStatus.LIVE);
		Map<Long, String> thumbnails = videos.thumbnailsOf(live);
		return live.stream().map(stream -> {
			EngagementView view = stats.engagement(stream);
			return new LiveNowEntry(stream.id(), stream.vendorId(), stream.title(), stream.startedAt(), view.viewers(),
					view.viewersHidden(), view.likes(), stream.sellerLabel(), thumbnails.get(stream.id()));
		}).toList();
	}
}
