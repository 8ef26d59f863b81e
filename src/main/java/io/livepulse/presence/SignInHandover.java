package io.livepulse.presence;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A viewer who signs in while watching: their browser still carries the device id they were counted by, and from
 * now on their user id counts. The device's session is closed when the user's first heartbeat comes (once per
 * stream, user and device), so the person is not two viewers until the device times out, nor one more at the
 * peak. On one node that happens before the user is counted (in memory); on several, off the request path, as
 * presence reaches Redis only in the background there. The device stays among the stream's unique viewers: it
 * was one until then.
 */
@Component
class SignInHandover {

	private static final Logger log = LoggerFactory.getLogger(SignInHandover.class);

	private final DeviceIds deviceIds;
	private final Cache<String, Boolean> handedOver = Caffeine.newBuilder().maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(12)).build();

	SignInHandover(DeviceIds deviceIds) {
		this.deviceIds = deviceIds;
	}

	/**
	 * Closes the device's session once, at once ({@code inMemory}) or on a virtual thread of its own. The cookie is
	 * verified only the first time it comes with this user on this stream, not at every heartbeat.
	 */
	void signedIn(long streamId, Visitor visitor, boolean inMemory, Consumer<ViewerId> closeSession) {
		if (visitor.viewer().isEmpty() || visitor.deviceCookieBeforeSignIn().isEmpty()) {
			return;
		}
		String cookie = visitor.deviceCookieBeforeSignIn().get();
		String key = streamId + " " + visitor.viewer().get().value() + " " + cookie;
		if (handedOver.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
			return;
		}
		Optional<ViewerId> verified = deviceIds.verify(cookie).map(ViewerId::device);
		if (verified.isEmpty()) {
			return;
		}
		ViewerId device = verified.get();
		if (inMemory) {
			closeSession.accept(device);
		}
		else {
			Thread.ofVirtual().name("sign-in-handover").start(() -> {
				try {
					closeSession.accept(device);
				}
				catch (RuntimeException notClosed) {
					// Redis unreachable, or the stream gone: the device's session times out as any silent one
					log.debug("The session of a device whose viewer signed in was not closed", notClosed);
				}
			});
		}
	}
}
