package io.livepulse.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.livepulse.cluster.SharedRateLimits;
import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * Posting and reading chat. A message is checked (text, stream state, chat switch, ban, timeout,
 * slow mode, rate limit), stored durably ({@link ChatCommits}), and only then acknowledged and published as
 * {@link ChatPosted}.
 */
@Service
class ChatService {

	private final StreamService streams;
	private final ChatRepository repository;
	private final ChatReview review;
	private final ChatProperties properties;
	private final SharedRateLimits rateLimits;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final ChatPins pins;
	private final ChatLinkHosts linkHosts;
	private final ChatCommits commits;
	/** When each user last posted on each stream, for slow mode. */
	private final Cache<String, Instant> lastPosted = Caffeine.newBuilder().maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1)).build();

	ChatService(StreamService streams, ChatRepository repository, ChatReview review, ChatProperties properties,
			SharedRateLimits rateLimits, ApplicationEventPublisher events, Clock clock, ChatPins pins,
			ChatLinkHosts linkHosts, ChatCommits commits) {
		this.commits = commits;
		this.pins = pins;
		this.linkHosts = linkHosts;
		this.streams = streams;
		this.rateLimits = rateLimits;
		this.review = review;
		this.repository = repository;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	public record ChatRequest(@Nullable String text) {
	}

	/**
	 * What a viewer's chat panel shows: the switch, slow mode, the last messages (oldest first), the
	 * pinned message (absent when none), when the stream started (the messages' offsets count from it) and
	 * the hosts whose links are clickable ({@link ChatLinkHosts}).
	 */
	public record ChatView(long streamId, boolean enabled, int slowModeSeconds, List<ChatMessage> messages,
			@Nullable ChatMessage pinned, @Nullable Instant startedAt, List<String> linkHosts) {
	}

	public ChatMessage post(long streamId, Caller caller, ChatRequest request) {
		String text = validText(request);
		Stream stream = streams.getVisible(streamId, Optional.of(caller));
		if (!caller.mayLikeAndChat()) {
			throw ApiProblem.forbidden("Chat is for viewers, sellers and admins; this token has none of those roles.");
		}
		if (stream.status() == StreamStatus.CREATED) {
			throw ApiProblem.conflict("Stream %d has not started; chat opens when it goes live.".formatted(streamId));
		}
		if (stream.status() == StreamStatus.ENDED) {
			throw ApiProblem.conflict("Stream %d has ended; its chat is closed.".formatted(streamId));
		}
		boolean moderator = caller.mayManageStreamOf(stream.vendorId());
		ChatSettings settings = repository.settings(streamId);
		Instant now = clock.instant();
		if (!moderator) {
			refuseBlocked(stream, caller, settings, now);
		}
		String key = streamId + ":" + caller.userId();
		// one bucket per user and stream over every node (Redis in cluster mode, else this node's own)
		if (!rateLimits.tryAcquire("chat:" + key, properties.burst(), properties.perSecond())) {
			throw ApiProblem.tooManyRequests("At most %d messages at once and %s per second; this one was not posted."
				.formatted(properties.burst(), properties.perSecond()) + " Try again in a moment.")
				.retryAfter((long) Math.ceil(1 / properties.perSecond()));
		}
		Optional<Instant> turnTaken = moderator || settings.slowModeSeconds() == 0 ? Optional.empty()
				: Optional.of(takeSlowModeTurn(key, settings.slowModeSeconds(), now));
		boolean held = !moderator && review.isBlocked(stream.vendorId(), text);
		ChatMessage message;
		try {
			message = commits.store(new ChatCommits.NewMessage(streamId, caller.userId(), caller.displayName(),
					caller.ownsStreamOf(stream.vendorId()), text, stream.isRehearsal(), held, now))
				.shown(stream.startedAt(), linkHosts.current());
		}
		catch (RuntimeException notStored) {
			// the turn goes back with the message: the poster may try again at once
			turnTaken.ifPresent(before -> lastPosted.asMap().replace(key, now, before));
			throw notStored;
		}
		lastPosted.put(key, now);
		events.publishEvent(held ? new ChatHeld(message) : new ChatPosted(message));
		return message;
	}

	private void refuseBlocked(Stream stream, Caller caller, ChatSettings settings, Instant now) {
		if (!settings.enabled()) {
			throw ApiProblem.conflict("The seller turned chat off on stream %d.".formatted(stream.id()))
				.with("reason", "chat-off");
		}
		if (repository.isBanned(stream.vendorId(), caller.userId())) {
			throw ApiProblem.forbidden("You are banned from this seller's chat.").with("reason", "banned");
		}
		Optional<Instant> until = repository.timedOutUntil(stream.id(), caller.userId(), now);
		if (until.isPresent()) {
			throw ApiProblem.forbidden("You are timed out of this chat until %s.".formatted(until.get()))
				.with("reason", "timed-out").with("until", until.get().toString());
		}
	}

	/**
	 * Takes the poster's slow-mode turn, checked and taken in one step so that messages sent at the same moment
	 * cannot all pass before any of them is recorded; returns the time of the post before (to give the turn
	 * back), or refuses with when to try again.
	 */
	private Instant takeSlowModeTurn(String key, int slowModeSeconds, Instant now) {
		Instant[] before = { Instant.MIN };
		Instant[] next = { null };
		lastPosted.asMap().compute(key, (k, last) -> {
			if (last != null && now.isBefore(last.plusSeconds(slowModeSeconds))) {
				next[0] = last.plusSeconds(slowModeSeconds);
				return last;
			}
			before[0] = last == null ? Instant.MIN : last;
			return now;
		});
		if (next[0] != null) {
			long wait = (Duration.between(now, next[0]).toMillis() + 999) / 1000;
			throw ApiProblem.tooManyRequests("Slow mode: one message every %d s; try again in %d s."
				.formatted(slowModeSeconds, wait)).with("reason", "slow-mode").retryAfter(wait);
		}
		return before[0];
	}

	private String validText(@Nullable ChatRequest request) {
		String raw = request == null ? null : request.text();
		String problem = null;
		String text = raw == null ? "" : ChatText.clean(raw);
		if (raw == null) {
			problem = "is required";
		}
		else if (text.isEmpty()) {
			problem = "must not be empty or only white space";
		}
		else if (ChatText.length(text) > properties.maxLength()) {
			problem = "must be at most %d characters".formatted(properties.maxLength());
		}
		if (problem != null) {
			throw ApiProblem.badRequest("The message " + problem + "; nothing was posted.")
				.with("errors", List.of(new FieldError("text", problem)));
		}
		return text;
	}

	/** The newest messages (or those before {@code beforeId}), oldest first, for whoever may see the stream. */
	public ChatView recent(long streamId, Optional<Caller> caller, @Nullable Long beforeId) {
		Stream stream = streams.getVisible(streamId, caller);
		ChatSettings settings = repository.settings(streamId);
		List<ChatMessage> messages = repository.recent(streamId, beforeId, properties.history()).stream()
			.map(message -> message.shown(stream.startedAt(), linkHosts.current())).toList();
		return new ChatView(streamId, settings.enabled(), settings.slowModeSeconds(), messages,
				pins.pinned(stream).orElse(null), stream.startedAt(), linkHosts.current());
	}
}
