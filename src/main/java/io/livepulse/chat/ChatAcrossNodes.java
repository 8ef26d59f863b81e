package io.livepulse.chat;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.livepulse.cluster.ChangedOnAnotherNode;
import io.livepulse.cluster.ClusterAnnouncements;
import io.livepulse.stream.StreamService;

/**
 * Chat across nodes (cluster mode): every node pushes chat to its own subscribers, so each change made
 * here (a message shown, deleted, a pin, the settings) is announced once committed, and a change
 * announced by another node is read back from the database and published here as if made here, for
 * this node's subscribers. The database stays the truth; single-node mode announces to no one.
 */
@Component
class ChatAcrossNodes {

	static final String POSTED = "chat-posted";
	static final String DELETED = "chat-deleted";
	static final String PIN = "chat-pin";
	static final String SETTINGS = "chat-settings";

	/** Set while this node publishes another node's change, which must not be announced back. */
	private static final ThreadLocal<Boolean> RELAYING = ThreadLocal.withInitial(() -> false);

	private final ClusterAnnouncements announcements;
	private final ChatRepository messages;
	private final ChatPins pins;
	private final StreamService streams;
	private final ApplicationEventPublisher events;
	private final ChatLinkHosts linkHosts;

	ChatAcrossNodes(ClusterAnnouncements announcements, ChatRepository messages, ChatPins pins, StreamService streams,
			ApplicationEventPublisher events, ChatLinkHosts linkHosts) {
		this.linkHosts = linkHosts;
		this.announcements = announcements;
		this.messages = messages;
		this.pins = pins;
		this.streams = streams;
		this.events = events;
	}

	@EventListener
	void on(ChatPosted posted) {
		announce(POSTED, posted.message().streamId(), posted.message().id());
	}

	@EventListener
	void on(ChatDeleted deleted) {
		announce(DELETED, deleted.streamId(), deleted.messageId());
	}

	@EventListener
	void on(ChatPinChanged changed) {
		announce(PIN, changed.streamId(), 0);
	}

	@EventListener
	void on(ChatSettingsChanged changed) {
		announce(SETTINGS, changed.streamId(), 0);
	}

	@EventListener
	void on(ChangedOnAnotherNode changed) {
		long streamId = changed.streamId();
		switch (changed.topic()) {
			case POSTED -> messages.find(streamId, changed.item()).filter(message -> !message.held())
				.ifPresent(message -> relay(new ChatPosted(message.shown(
						streams.find(streamId).map(stream -> stream.startedAt()).orElse(null), linkHosts.current()))));
			case DELETED -> relay(new ChatDeleted(streamId, changed.item()));
			case PIN -> streams.find(streamId)
				.ifPresent(stream -> relay(new ChatPinChanged(streamId, pins.pinned(stream).orElse(null))));
			case SETTINGS -> relay(new ChatSettingsChanged(streamId, messages.settings(streamId)));
			default -> {
				// another module's topic
			}
		}
	}

	private void announce(String topic, long streamId, long item) {
		if (!RELAYING.get()) {
			announcements.announce(topic, streamId, item);
		}
	}

	private void relay(Object event) {
		RELAYING.set(true);
		try {
			events.publishEvent(event);
		}
		finally {
			RELAYING.set(false);
		}
	}
}
