package io.livepulse.sales;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.chat.ChatFigures;
import io.livepulse.presence.PresenceService;
import io.livepulse.presence.ViewerId;
import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DiskSync;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Opening giveaways and taking entries. Who may enter: a signed-in person other than the stream's seller who is
 * a counted viewer of the stream now (their heartbeats, signed in), and with {@code chattersOnly} one who wrote in
 * its chat; once each. The simulator never enters (it makes no people), and a rehearsal's giveaway is practice.
 */
@Service
class GiveawayService {

	private static final Logger log = LoggerFactory.getLogger(GiveawayService.class);
	private static final int LISTED = 20;

	private final GiveawayRepository repository;
	private final StreamService streams;
	private final SaleStreams saleStreams;
	private final PresenceService presence;
	private final ChatFigures chat;
	private final GiveawayBroadcasts broadcasts;
	private final TransactionTemplate transactions;
	private final DiskSync disk;
	private final Clock clock;

	GiveawayService(GiveawayRepository repository, StreamService streams, SaleStreams saleStreams, PresenceService presence,
			ChatFigures chat,
			GiveawayBroadcasts broadcasts, TransactionTemplate transactions, DiskSync disk, Clock clock) {
		this.repository = repository;
		this.streams = streams;
		this.saleStreams = saleStreams;
		this.presence = presence;
		this.chat = chat;
		this.broadcasts = broadcasts;
		this.transactions = transactions;
		this.disk = disk;
		this.clock = clock;
	}

	GiveawayView open(long streamId, Caller caller, NewGiveaway request) {
		Stream stream = saleStreams.liveManaged(streamId, caller, "giveaways");
		Instant now = clock.instant();
		long id = transactions.execute(status -> {
			saleStreams.lockLive(streamId);
			if (repository.hasOpenGiveaway(streamId)) {
				throw ApiProblem.conflict("Stream %d already has a giveaway taking entries or waiting for its draw."
					.formatted(streamId));
			}
			return repository.insert(streamId, request.prize(), request.chattersOnly(), GiveawayDraw.newSeed(), now,
					now.plusSeconds(request.entrySeconds()), stream.isRehearsal(), caller.userId());
		});
		log.info("Stream {} opens giveaway {} for {} s{}", streamId, id, request.entrySeconds(),
				stream.isRehearsal() ? " as practice" : "");
		Giveaway giveaway = repository.find(id).orElseThrow();
		broadcasts.tell(giveaway);
		return GiveawayView.of(giveaway, now, true);
	}

	GiveawayView get(long id, Optional<Caller> caller) {
		Giveaway giveaway = find(id, caller);
		return GiveawayView.of(giveaway, clock.instant(), saleStreams.manages(giveaway.streamId(), caller));
	}

	List<GiveawayView> ofStream(long streamId, Optional<Caller> caller) {
		Stream stream = streams.getVisible(streamId, caller);
		boolean manager = caller.map(who -> who.mayManageStreamOf(stream.vendorId())).orElse(false);
		Instant now = clock.instant();
		return repository.ofStream(streamId, LISTED).stream().map(giveaway -> GiveawayView.of(giveaway, now, manager)).toList();
	}

	GiveawayEntry enter(long id, Caller caller) {
		Giveaway giveaway = find(id, Optional.of(caller));
		Stream stream = streams.get(giveaway.streamId());
		if (!caller.mayLikeAndChat()) {
			throw ApiProblem.forbidden("Sign in as a viewer to enter.");
		}
		if (caller.ownsStreamOf(stream.vendorId())) {
			throw ApiProblem.forbidden("A seller cannot enter their own giveaway.");
		}
		Instant now = clock.instant();
		if (!giveaway.takesEntriesAt(now)) {
			throw ApiProblem.conflict("This giveaway takes no more entries.").with("status", giveaway.drawn() ? "DRAWN" : "CLOSED");
		}
		if (!presence.isPresent(stream.id(), ViewerId.user(caller.userId()))) {
			throw ApiProblem.forbidden("Only viewers watching the stream can enter: keep its page open, signed in.");
		}
		if (giveaway.chattersOnly() && !chat.hasWritten(stream.id(), caller.userId())) {
			throw ApiProblem.forbidden("This giveaway is for viewers who wrote in the chat.");
		}
		if (repository.isExcluded(id, caller.userId())) {
			throw ApiProblem.forbidden("The seller excluded you from this giveaway.");
		}
		if (repository.hasEntered(id, caller.userId())) {
			throw ApiProblem.conflict("You are already in this giveaway.");
		}
		int number;
		try {
			number = transactions.execute(status -> {
				int next = repository.nextEntryNumber(id, now)
					.orElseThrow(() -> ApiProblem.conflict("This giveaway takes no more entries.").with("status", "CLOSED"));
				repository.insertEntry(id, next, caller.userId(), caller.displayName(), now);
				return next;
			});
		}
		catch (DuplicateKeyException twice) {
			throw ApiProblem.conflict("You are already in this giveaway.");
		}
		disk.forceToDisk();
		return new GiveawayEntry(id, number, giveaway.practice());
	}

	/**
	 * The seller or an admin excludes a person (e.g. one banned from the chat) until the draw: they cannot enter,
	 * and an entry they made stays numbered but is not drawn.
	 */
	GiveawayView exclude(long id, Caller caller, String userId) {
		Giveaway giveaway = find(id, Optional.of(caller));
		streams.getManaged(giveaway.streamId(), caller);
		// under the row lock the draw takes: an exclusion is in the list the draw picks from, or refused after it,
		// never added beside a published draw (whose excluded entries must stay the ones it left out)
		boolean added = Boolean.TRUE.equals(transactions.execute(status -> {
			if (repository.lockForDraw(id).isEmpty()) {
				throw ApiProblem.conflict("This giveaway was drawn; nobody can be excluded any more.");
			}
			return !repository.isExcluded(id, userId) && repository.exclude(id, userId, caller.userId(), clock.instant());
		}));
		if (added) {
			log.info("Giveaway {} of stream {}: a person was excluded by {}", id, giveaway.streamId(), caller.userId());
		}
		return GiveawayView.of(repository.find(id).orElseThrow(), clock.instant(), true);
	}

	private Giveaway find(long id, Optional<Caller> caller) {
		return saleStreams.visible(repository.find(id), Giveaway::streamId, caller, "No such giveaway.");
	}
}
