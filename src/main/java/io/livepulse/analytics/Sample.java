package io.livepulse.analytics;

import java.time.Instant;

/**
 * One point of a stream's timeline. Real figures always; simulated figures only for rehearsals
 * (null otherwise). {@code likesPerMinute} is the real like rate since the previous point;
 * {@code messagesPerMinute} the real chat rate since the previous point (since the start for the first).
 */
record Sample(Instant at, int viewers, long likes, double likesPerMinute, Integer simulatedViewers,
		Long simulatedLikes, double messagesPerMinute) {

	Sample withMessagesPerMinute(double rate) {
		return new Sample(at, viewers, likes, likesPerMinute, simulatedViewers, simulatedLikes, rate);
	}
}
