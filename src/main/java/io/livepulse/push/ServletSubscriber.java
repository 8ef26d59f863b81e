package io.livepulse.push;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/** One event-stream subscriber of the web server: pre-encoded events, written in order through its {@link SubscriberQueue}. */
final class ServletSubscriber extends ResponseBodyEmitter {

	private static final Logger log = LoggerFactory.getLogger(ServletSubscriber.class);

	final SubscriberQueue queue;

	/** @param abort drops the connection at once (a reset), for a subscriber that fell too far behind */
	ServletSubscriber(long timeoutMillis, Runnable abort) {
		super(timeoutMillis);
		this.queue = new SubscriberQueue(this::write, this::completeQuietly, abort);
	}

	/** Completes; a response that went away meanwhile (reset, timed out, recycled by the container) is already done. */
	private void completeQuietly() {
		try {
			complete();
		}
		catch (IllegalStateException alreadyGone) {
			log.debug("An SSE subscriber was already gone when completed: {}", alreadyGone.getMessage());
		}
	}

	@Override
	protected void extendResponse(ServerHttpResponse outputMessage) {
		super.extendResponse(outputMessage);
		outputMessage.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
	}

	/** Writes one event now; for a subscriber's first events, before any publisher can see it. */
	boolean write(byte[] event) {
		try {
			send(event, MediaType.TEXT_EVENT_STREAM);
			return true;
		}
		catch (IOException | IllegalStateException gone) {
			log.debug("Dropping an SSE subscriber that went away: {}", gone.getMessage());
			completeWithError(gone);
			return false;
		}
	}
}
