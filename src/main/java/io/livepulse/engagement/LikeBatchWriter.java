package io.livepulse.engagement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * Writes a batch of likes in one transaction: takes each stream's row lock (in stream order, so two
 * nodes' batches cannot deadlock), refuses the likes of a stream that is not LIVE, appends the rest to
 * the log and adds them to the stream's counter row. The totals it answers come from that row, so they
 * are exact across nodes: the k-th of n likes of a stream in a batch gets the total after the batch
 * minus n - k.
 */
@Component
class LikeBatchWriter {

	private static final Logger log = LoggerFactory.getLogger(LikeBatchWriter.class);

	private final InteractionLog interactionLog;
	private final CounterRows counterRows;
	private final TransactionTemplate transactions;
	private final StreamService streams;

	LikeBatchWriter(InteractionLog interactionLog, CounterRows counterRows, TransactionTemplate transactions,
			StreamService streams) {
		this.streams = streams;
		this.interactionLog = interactionLog;
		this.counterRows = counterRows;
		this.transactions = transactions;
	}

	/**
	 * Each row's total (real likes for a real row, simulated likes for a simulated one), or
	 * {@link LikeAcknowledgement#REFUSED} / {@link LikeAcknowledgement#FAILED}. If the database refuses the
	 * batch for a row's content, each row is written in a transaction of its own, so that one bad row fails
	 * alone, the same whether it came alone or with others. Any other failure fails the batch; one at the commit,
	 * after every statement ran, as {@link LikeAcknowledgement.CommitOutcomeUnknown}.
	 */
	long[] write(List<InteractionLog.LikeRow> rows) {
		boolean[] statementsRan = { false };
		try {
			return transactions.execute(status -> {
				long[] totals = writeInTransaction(rows);
				statementsRan[0] = true;
				return totals;
			});
		}
		catch (DataIntegrityViolationException batchRefused) {
			long[] totals = new long[rows.size()];
			for (int i = 0; i < rows.size(); i++) {
				InteractionLog.LikeRow row = rows.get(i);
				try {
					totals[i] = transactions.execute(status -> writeInTransaction(List.of(row)))[0];
				}
				catch (DataIntegrityViolationException rowRefused) {
					log.warn("The database refused a like on stream {}; the rest of its batch was written",
							row.streamId(), rowRefused);
					totals[i] = LikeAcknowledgement.FAILED;
				}
			}
			return totals;
		}
		catch (RuntimeException failed) {
			throw statementsRan[0] ? new LikeAcknowledgement.CommitOutcomeUnknown(failed) : failed;
		}
	}

	private long[] writeInTransaction(List<InteractionLog.LikeRow> rows) {
		long[] totals = new long[rows.size()];
		Map<Long, List<Integer>> byStream = new TreeMap<>();
		for (int i = 0; i < rows.size(); i++) {
			byStream.computeIfAbsent(rows.get(i).streamId(), id -> new ArrayList<>()).add(i);
		}
		List<InteractionLog.LikeRow> admitted = new ArrayList<>(rows.size());
		for (Map.Entry<Long, List<Integer>> stream : byStream.entrySet()) {
			boolean live = streams.lockForWrite(stream.getKey()).map(StreamStatus.LIVE::equals).orElse(false);
			for (int i : stream.getValue()) {
				totals[i] = live ? 0 : LikeAcknowledgement.REFUSED;
				if (live) {
					admitted.add(rows.get(i));
				}
			}
		}
		if (admitted.isEmpty()) {
			return totals;
		}
		interactionLog.appendLikes(admitted);
		for (Map.Entry<Long, List<Integer>> stream : byStream.entrySet()) {
			List<Integer> real = new ArrayList<>();
			List<Integer> simulated = new ArrayList<>();
			for (int i : stream.getValue()) {
				if (totals[i] != LikeAcknowledgement.REFUSED) {
					(rows.get(i).simulated() ? simulated : real).add(i);
				}
			}
			if (real.isEmpty() && simulated.isEmpty()) {
				continue;
			}
			EngagementTotals after = counterRows.addLikes(stream.getKey(), real.size(), simulated.size());
			number(totals, real, after.likes());
			number(totals, simulated, after.simulatedLikes());
		}
		return totals;
	}

	private static void number(long[] totals, List<Integer> rows, long totalAfter) {
		for (int k = 0; k < rows.size(); k++) {
			totals[rows.get(k)] = totalAfter - rows.size() + 1 + k;
		}
	}
}
