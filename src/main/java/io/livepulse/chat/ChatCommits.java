package io.livepulse.chat;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DiskSync;
import io.livepulse.shared.GroupCommits;

/**
 * Group commit for chat messages, as for likes (ADR 0004; {@link GroupCommits}): messages queued within
 * {@code livepulse.chat.commit-window} of the first (at most {@link #MAX_BATCH}) are inserted in one transaction
 * and forced to disk ({@link DiskSync}) before any of their posts is answered.
 */
@Component
class ChatCommits extends GroupCommits<ChatCommits.NewMessage, ChatMessage> {

	static final int MAX_BATCH = 256;
	private static final Logger log = LoggerFactory.getLogger(ChatCommits.class);

	/** A message to store, as posted. */
	record NewMessage(long streamId, String userId, String displayName, boolean fromSeller, String text,
			boolean rehearsal, boolean held, Instant at) {
	}

	@Autowired
	ChatCommits(ChatRepository repository, TransactionTemplate transactions, DiskSync disk, ChatProperties properties) {
		this(batch -> {
			List<ChatMessage> stored = transactions.execute(status -> batch.stream().map(repository::insert).toList());
			disk.forceToDisk();
			return stored;
		}, properties.commitWindow().toNanos());
	}

	ChatCommits(BatchWriter<NewMessage, ChatMessage> writer, long windowNanos) {
		super("chat", writer, MAX_BATCH, windowNanos);
	}

	/** Stores the message durably and returns it with its id; a 503 problem when it could not be stored. */
	ChatMessage store(NewMessage message) {
		return commit(message);
	}

	@Override
	protected RuntimeException notTaking() {
		return ApiProblem.serviceUnavailable("Chat is not taking messages right now (the service is stopping); "
				+ "nothing was posted.");
	}

	@Override
	protected RuntimeException notWritten(Throwable cause) {
		log.warn("A chat message could not be stored", cause);
		return ApiProblem.serviceUnavailable("The message could not be stored; nothing was posted. Try again.");
	}

	@Override
	protected RuntimeException interrupted() {
		return ApiProblem.serviceUnavailable("The post was interrupted while its message was being stored; "
				+ "the message may still appear.");
	}
}
