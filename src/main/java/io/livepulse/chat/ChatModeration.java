package io.livepulse.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.security.Caller;
import io.livepulse.security.Role;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Moderation by the stream's seller (own streams) and admins (everywhere): delete a message, time a
 * user out, ban a user from the seller's streams, set slow mode and the chat switch. Each action is
 * written to {@code chat_audit} in the same transaction as its effect.
 */
@Service
class ChatModeration {

	private static final Logger log = LoggerFactory.getLogger(ChatModeration.class);
	static final int MAX_SLOW_MODE_SECONDS = 3600;

	private final StreamService streams;
	private final ChatRepository repository;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final ChatPins pins;

	ChatModeration(StreamService streams, ChatRepository repository, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, ChatPins pins) {
		this.pins = pins;
		this.streams = streams;
		this.repository = repository;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	public record TimeoutRequest(@Nullable String userId, @Nullable Integer minutes) {
	}

	public record Timeout(long streamId, String userId, Instant until) {
	}

	public record BanRequest(@Nullable String userId) {
	}

	public record Ban(long vendorId, String userId) {
	}

	public record SettingsRequest(@Nullable Boolean enabled, @Nullable Integer slowModeSeconds) {
	}

	public void delete(long streamId, Caller caller, long messageId) {
		Stream stream = streams.getManaged(streamId, caller);
		Instant now = clock.instant();
		Boolean wasPinned = transactions.execute(status -> {
			if (repository.find(streamId, messageId).isEmpty() || !repository.delete(messageId, caller.userId(), now)) {
				return null;
			}
			repository.audit(streamId, stream.vendorId(), caller.userId(), "delete", "message " + messageId, now);
			return pins.forgetDeleted(streamId, messageId);
		});
		if (wasPinned == null) {
			throw ApiProblem.notFound("Stream %d has no message %d (or it was deleted already).".formatted(streamId, messageId));
		}
		log.info("Chat message {} on stream {} deleted by {}", messageId, streamId, caller.userId());
		events.publishEvent(new ChatDeleted(streamId, messageId));
		if (wasPinned) {
			events.publishEvent(new ChatPinChanged(streamId, null));
		}
	}

	public Timeout timeOut(long streamId, Caller caller, @Nullable TimeoutRequest request) {
		Stream stream = streams.getManaged(streamId, caller);
		List<FieldError> errors = new ArrayList<>();
		String userId = userIdOf(request == null ? null : request.userId(), errors);
		Integer minutes = request == null ? null : request.minutes();
		if (minutes == null) {
			errors.add(new FieldError("minutes", "is required"));
		}
		else if (minutes < 1 || minutes > 60) {
			errors.add(new FieldError("minutes", "must be between 1 and 60"));
		}
		refuse("timeout", errors);
		if (userId.equals(caller.userId())) {
			throw ApiProblem.unprocessable("You cannot time yourself out.");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Instant until = now.plusSeconds(60L * minutes);
		transactions.executeWithoutResult(status -> {
			repository.timeOut(streamId, userId, until);
			repository.audit(streamId, stream.vendorId(), caller.userId(), "timeout",
					"user " + userId + " for " + minutes + " min", now);
		});
		return new Timeout(streamId, userId, until);
	}

	public Ban ban(Caller caller, @Nullable BanRequest request) {
		if (!caller.has(Role.SELLER) || caller.vendorId() == null) {
			throw ApiProblem.forbidden("Only a seller bans users from their own streams' chat.");
		}
		return ban(caller.vendorId(), caller, request);
	}

	/** From the chat of every stream of this stream's seller: by that seller or an admin (moderating the stream). */
	public Ban banOnStream(long streamId, Caller caller, @Nullable BanRequest request) {
		return ban(streams.getManaged(streamId, caller).vendorId(), caller, request);
	}

	private Ban ban(long vendorId, Caller caller, @Nullable BanRequest request) {
		List<FieldError> errors = new ArrayList<>();
		String userId = userIdOf(request == null ? null : request.userId(), errors);
		refuse("ban", errors);
		if (userId.equals(caller.userId())) {
			throw ApiProblem.unprocessable("You cannot ban yourself.");
		}
		Instant now = clock.instant();
		try {
			transactions.executeWithoutResult(status -> {
				if (repository.ban(vendorId, userId, caller.userId(), now)) {
					repository.audit(null, vendorId, caller.userId(), "ban", "user " + userId, now);
				}
			});
		}
		catch (DuplicateKeyException bannedMeanwhile) {
			// a ban of the same user committed between our check and our insert: banned, and audited once by it
		}
		return new Ban(vendorId, userId);
	}

	public ChatSettings settings(long streamId, Caller caller, @Nullable SettingsRequest request) {
		Stream stream = streams.getManaged(streamId, caller);
		List<FieldError> errors = new ArrayList<>();
		if (request == null || request.enabled() == null) {
			errors.add(new FieldError("enabled", "is required"));
		}
		Integer slow = request == null ? null : request.slowModeSeconds();
		if (slow == null) {
			errors.add(new FieldError("slowModeSeconds", "is required"));
		}
		else if (slow < 0 || slow > MAX_SLOW_MODE_SECONDS) {
			errors.add(new FieldError("slowModeSeconds", "must be between 0 (off) and " + MAX_SLOW_MODE_SECONDS));
		}
		refuse("settings", errors);
		ChatSettings settings = new ChatSettings(request.enabled(), slow);
		Instant now = clock.instant();
		transactions.executeWithoutResult(status -> {
			repository.saveSettings(streamId, settings);
			repository.audit(streamId, stream.vendorId(), caller.userId(), "settings",
					"enabled=" + settings.enabled() + " slowModeSeconds=" + settings.slowModeSeconds(), now);
		});
		events.publishEvent(new ChatSettingsChanged(streamId, settings));
		return settings;
	}

	private static String userIdOf(@Nullable String userId, List<FieldError> errors) {
		if (userId == null || userId.isBlank()) {
			errors.add(new FieldError("userId", "is required"));
			return "";
		}
		if (!Caller.isValidUserId(userId)) {
			errors.add(new FieldError("userId", "must be 1-64 characters on one line"));
		}
		return userId;
	}

	private static void refuse(String what, List<FieldError> errors) {
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest("The %s is invalid: %s %s. Nothing was changed."
				.formatted(what, errors.get(0).field(), errors.get(0).message())).with("errors", errors);
		}
	}
}
