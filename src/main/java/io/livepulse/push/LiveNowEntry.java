package io.livepulse.push;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One public live stream as listed on the home page; {@code viewers} is absent while hidden;
 * {@code seller} is the seller's display name, or "Seller &lt;vendorId&gt;" when they have none;
 * {@code thumbnailUrl} the latest frame of its video, absent while no encoder is connected.
 */
record LiveNowEntry(long id, long vendorId, String title, Instant startedAt, Integer viewers,
		boolean viewersHidden, long likes, String seller, @Nullable String thumbnailUrl) {
}
