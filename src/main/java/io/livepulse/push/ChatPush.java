package io.livepulse.push;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.livepulse.chat.ChatDeleted;
import io.livepulse.chat.ChatMessage;
import io.livepulse.chat.ChatPinChanged;
import io.livepulse.chat.ChatPosted;
import io.livepulse.chat.ChatProperties;
import io.livepulse.chat.ChatSettings;
import io.livepulse.chat.ChatSettingsChanged;

/**
 * Chat on the event stream: messages, deletions and settings changes are gathered per stream and sent
 * as one {@code chat} event at most once per {@code livepulse.chat.batch-interval} (newest message
 * last). A quiet stream's first message goes out on the next 25 ms tick. A pin change goes out at once
 * as a {@code chat-pin} event.
 */
@Component
class ChatPush {

	/** What one stream's next chat event carries. */
	static final class Pending {

		final List<ChatMessage> messages = new ArrayList<>();
		final List<Long> deleted = new ArrayList<>();
		@Nullable ChatSettings settings;
	}

	record ChatEventView(long streamId, List<ChatMessage> messages, List<Long> deleted, @Nullable ChatSettings settings) {
	}

	private final EngagementEvents events;
	private final List<PushAudience> audiences;
	private final ChatProperties properties;
	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
	private final Map<Long, Long> lastSentNanos = new ConcurrentHashMap<>();

	ChatPush(EngagementEvents events, List<PushAudience> audiences, ChatProperties properties) {
		this.events = events;
		this.audiences = audiences;
		this.properties = properties;
	}

	@EventListener
	void on(ChatPosted posted) {
		pending.compute(posted.message().streamId(), (id, batch) -> {
			Pending next = batch == null ? new Pending() : batch;
			next.messages.add(posted.message());
			return next;
		});
	}

	@EventListener
	void on(ChatDeleted deleted) {
		pending.compute(deleted.streamId(), (id, batch) -> {
			Pending next = batch == null ? new Pending() : batch;
			next.messages.removeIf(message -> message.id() == deleted.messageId());
			next.deleted.add(deleted.messageId());
			return next;
		});
	}

	@EventListener
	void on(ChatSettingsChanged changed) {
		pending.compute(changed.streamId(), (id, batch) -> {
			Pending next = batch == null ? new Pending() : batch;
			next.settings = changed.settings();
			return next;
		});
	}

	/** A pin change is rare (a moderator's click): it goes out at once as a {@code chat-pin} event. */
	@EventListener
	void on(ChatPinChanged changed) {
		byte[] event = events.chatPin(new ChatPinView(changed.streamId(), changed.pinned()));
		audiences.forEach(audience -> audience.publish(changed.streamId(), event));
	}

	/** A stream's pinned message; absent when the pin was taken away. */
	record ChatPinView(long streamId, @Nullable ChatMessage pinned) {
	}

	/** Every 25 ms, so a busy stream's events are {@code batch-interval} apart, not the next 100-ms tick after. */
	@Scheduled(fixedDelay = 25)
	void sendDue() {
		long now = System.nanoTime();
		for (Long streamId : List.copyOf(pending.keySet())) {
			Long last = lastSentNanos.get(streamId);
			if (last != null && now - last < properties.batchInterval().toNanos()) {
				continue;
			}
			Pending batch = pending.remove(streamId);
			if (batch == null) {
				continue;
			}
			// removed from the map, the batch is this tick's alone: listeners only change it inside compute
			List<ChatMessage> messages = batch.messages.stream().sorted(Comparator.comparingLong(ChatMessage::id)).toList();
			lastSentNanos.put(streamId, now);
			byte[] event = events.chat(new ChatEventView(streamId, messages, List.copyOf(batch.deleted), batch.settings));
			audiences.forEach(audience -> audience.publish(streamId, event));
		}
		lastSentNanos.values().removeIf(sent -> now - sent > 10 * properties.batchInterval().toNanos());
	}
}
