package io.livepulse.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.security.Caller;
import io.livepulse.security.Role;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;
import io.livepulse.shared.Text;
import io.livepulse.shared.TextFold;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Blocked terms (a seller's own list and the admins' global one), the review queue of held and
 * reported messages, releasing a held message, and viewers' reports. Changes are audited.
 */
@Service
class ChatReview {

	static final int MAX_TERMS = 200;
	static final int MAX_TERM_LENGTH = 100;
	static final int MAX_QUEUE = 200;
	private static final long GLOBAL = 0;
	private static final Cache<String, String> FOLDED_TERMS = Caffeine.newBuilder().maximumSize(10_000).build();

	private final StreamService streams;
	private final ChatRepository repository;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final ChatLinkHosts linkHosts;

	ChatReview(StreamService streams, ChatRepository repository, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, ChatLinkHosts linkHosts) {
		this.linkHosts = linkHosts;
		this.streams = streams;
		this.repository = repository;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	public record Item(ChatMessage message, long reports) {
	}

	public record TermsRequest(@Nullable List<String> terms) {
	}

	public record Terms(List<String> terms) {
	}

	/**
	 * Whether the text holds one of the seller's or the global blocked terms, both compared in their
	 * {@link TextFold#fold folded} form: invisible characters, case, compatibility forms (fullwidth) and
	 * look-alike letters (Cyrillic for Latin) do not hide a term.
	 */
	boolean isBlocked(long vendorId, String text) {
		return holdsAny(text, repository.blockedTerms(vendorId));
	}

	static boolean holdsAny(String text, List<String> terms) {
		if (terms.isEmpty()) {
			return false;
		}
		String folded = TextFold.fold(text);
		return terms.stream().map(ChatReview::folded).anyMatch(term -> !term.isEmpty() && folded.contains(term));
	}

	/** A term's folded form; terms are few and change seldom, so each is folded once. */
	private static String folded(String term) {
		return FOLDED_TERMS.get(term, TextFold::fold);
	}

	public Terms replaceSellerTerms(Caller caller, @Nullable TermsRequest request) {
		if (!caller.has(Role.SELLER) || caller.vendorId() == null) {
			throw ApiProblem.forbidden("Only a seller keeps a blocked-terms list for their own streams.");
		}
		return replace(caller.vendorId(), caller, request);
	}

	public Terms replaceGlobalTerms(Caller caller, @Nullable TermsRequest request) {
		return replace(GLOBAL, caller, request);
	}

	private Terms replace(long vendorId, Caller caller, @Nullable TermsRequest request) {
		List<String> raw = request == null ? null : request.terms();
		List<FieldError> errors = new ArrayList<>();
		Set<String> terms = new LinkedHashSet<>();
		if (raw == null) {
			errors.add(new FieldError("terms", "is required (an empty list clears it)"));
		}
		else if (raw.size() > MAX_TERMS) {
			errors.add(new FieldError("terms", "must hold at most " + MAX_TERMS + " terms"));
		}
		else {
			for (String term : raw) {
				String clean = term == null ? "" : term.strip().toLowerCase(Locale.ROOT);
				if (clean.isEmpty() || clean.length() > MAX_TERM_LENGTH || !Text.isSingleLine(clean) || folded(clean).isBlank()) {
					errors.add(new FieldError("terms", "each term must be 1-%d characters on one line".formatted(MAX_TERM_LENGTH)));
					break;
				}
				terms.add(clean);
			}
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest("The blocked terms are invalid: " + errors.get(0).message() + ". Nothing was changed.")
				.with("errors", errors);
		}
		List<String> kept = List.copyOf(terms);
		Instant now = clock.instant();
		transactions.executeWithoutResult(status -> {
			repository.replaceBlockedTerms(vendorId, kept);
			repository.audit(null, vendorId, caller.userId(), "blocked-terms",
					(vendorId == GLOBAL ? "global" : "seller") + " list, " + kept.size() + " terms", now);
		});
		return new Terms(kept);
	}

	public List<Item> queue(long streamId, Caller caller) {
		Stream stream = streams.getManaged(streamId, caller);
		return repository.review(streamId).stream()
			.map(item -> new Item(item.message().shown(stream.startedAt(), linkHosts.current()), item.reports())).toList();
	}

	/** Held and reported messages across every stream, newest first (admins only: the path is under /api/admin). */
	public List<Item> queueOfAllStreams() {
		return repository.reviewAll(MAX_QUEUE).stream().map(item -> new Item(item.message()
			.shown(streams.find(item.message().streamId()).map(Stream::startedAt).orElse(null), linkHosts.current()),
				item.reports())).toList();
	}

	public ChatMessage release(long streamId, Caller caller, long messageId) {
		Stream stream = streams.getManaged(streamId, caller);
		Instant now = clock.instant();
		boolean released = Boolean.TRUE.equals(transactions.execute(status -> {
			if (!repository.release(streamId, messageId)) {
				return false;
			}
			repository.audit(streamId, stream.vendorId(), caller.userId(), "release", "message " + messageId, now);
			return true;
		}));
		if (!released) {
			throw ApiProblem.notFound("Stream %d has no held message %d.".formatted(streamId, messageId));
		}
		ChatMessage message = repository.find(streamId, messageId).orElseThrow()
			.shown(stream.startedAt(), linkHosts.current());
		events.publishEvent(new ChatPosted(message));
		return message;
	}

	/** A viewer's report; reporting the same message again changes nothing. True when it is new. */
	public boolean report(long streamId, Caller caller, long messageId) {
		streams.getVisible(streamId, Optional.of(caller));
		Optional<ChatMessage> message = repository.find(streamId, messageId).filter(found -> !found.held());
		if (message.isEmpty()) {
			throw ApiProblem.notFound("Stream %d has no message %d.".formatted(streamId, messageId));
		}
		return repository.report(messageId, caller.userId(), clock.instant());
	}
}
