package io.livepulse.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * One pinned message per stream, set by the stream's seller or an admin: pinning another replaces it,
 * deleting the pinned message takes the pin away. Every change is audited and published as
 * {@link ChatPinChanged}.
 */
@Service
class ChatPins {

	private static final Logger log = LoggerFactory.getLogger(ChatPins.class);

	private final StreamService streams;
	private final ChatRepository messages;
	private final ChatPinRepository pins;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final ChatLinkHosts linkHosts;

	ChatPins(StreamService streams, ChatRepository messages, ChatPinRepository pins, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, ChatLinkHosts linkHosts) {
		this.linkHosts = linkHosts;
		this.streams = streams;
		this.messages = messages;
		this.pins = pins;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	public ChatMessage pin(long streamId, Caller caller, long messageId) {
		Stream stream = streams.getManaged(streamId, caller);
		Instant now = clock.instant();
		ChatMessage pinned = transactions.execute(status -> {
			ChatMessage message = messages.find(streamId, messageId).orElseThrow(() -> ApiProblem
				.notFound("Stream %d has no message %d (or it was deleted); nothing was pinned.".formatted(streamId, messageId)));
			if (message.held()) {
				throw ApiProblem.conflict("Message %d is held for review; release it before pinning it.".formatted(messageId));
			}
			pins.pin(streamId, messageId, caller.userId(), now);
			messages.audit(streamId, stream.vendorId(), caller.userId(), "pin", "message " + messageId, now);
			return message.shown(stream.startedAt(), linkHosts.current());
		});
		log.info("Chat message {} pinned on stream {} by {}", messageId, streamId, caller.userId());
		events.publishEvent(new ChatPinChanged(streamId, pinned));
		return pinned;
	}

	/** Takes the pin away; nothing pinned is fine (the answer is the same). */
	public void unpin(long streamId, Caller caller) {
		Stream stream = streams.getManaged(streamId, caller);
		Instant now = clock.instant();
		boolean unpinned = Boolean.TRUE.equals(transactions.execute(status -> {
			if (!pins.unpin(streamId)) {
				return false;
			}
			messages.audit(streamId, stream.vendorId(), caller.userId(), "unpin", "the pinned message", now);
			return true;
		}));
		if (unpinned) {
			events.publishEvent(new ChatPinChanged(streamId, null));
		}
	}

	/** The stream's pinned message, if one is pinned and still shown. */
	Optional<ChatMessage> pinned(Stream stream) {
		return pins.pinned(stream.id()).map(message -> message.shown(stream.startedAt(), linkHosts.current()));
	}

	/** Called inside the deleting transaction: a deleted message is no longer pinned. True when it was. */
	boolean forgetDeleted(long streamId, long messageId) {
		return pins.unpinMessage(streamId, messageId);
	}
}
