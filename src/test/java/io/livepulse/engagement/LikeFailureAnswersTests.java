package io.livepulse.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/** "Not counted" is said only of a like that will not be written: a client told so retries, and must not count twice. */
class LikeFailureAnswersTests {

	@Test
	void aBatchThatFailedAtItsCommitMayHaveBeenCommittedSoItsLikesAreNotToldNotCounted() {
		var answer = LikeAdmission.problemOf(new LikeAcknowledgement.CommitOutcomeUnknown(
				new DataAccessResourceFailureException("JDBC commit; connection reset")), 7);

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getBody().getDetail()).contains("may yet be counted").doesNotContain("not counted");
	}

	@Test
	void aBatchThatFailedBeforeItsCommitWasRolledBackSoItsLikesAreToldToRetry() {
		var answer = LikeAdmission.problemOf(new DataAccessResourceFailureException("connection refused"), 7);

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getBody().getDetail()).contains("not counted", "retry");
	}

	/** The writer tells a failure at the commit (every statement ran) from one before it, which rolled back. */
	@Test
	void theWriterReportsAFailedCommitAsAnUnknownOutcomeAndAFailedStatementAsItself() {
		StreamService streams = mock(StreamService.class);
		given(streams.lockForWrite(1L)).willReturn(Optional.of(StreamStatus.LIVE));
		CounterRows counterRows = mock(CounterRows.class);
		given(counterRows.addLikes(1L, 1, 0)).willReturn(new EngagementTotals(1, 0, 0, 0, null, 0, 0));
		InteractionLog log = mock(InteractionLog.class);
		List<InteractionLog.LikeRow> rows = List.of(new InteractionLog.LikeRow(1, "fan", false, 0));

		LikeBatchWriter failingAtCommit = new LikeBatchWriter(log, counterRows,
				new TransactionTemplate(new FailingAtCommit()), streams);
		assertThatThrownBy(() -> failingAtCommit.write(rows)).isInstanceOf(LikeAcknowledgement.CommitOutcomeUnknown.class);

		willThrow(new DataAccessResourceFailureException("connection refused")).given(log).appendLikes(rows);
		LikeBatchWriter failingBefore = new LikeBatchWriter(log, counterRows,
				new TransactionTemplate(new FailingAtCommit()), streams);
		assertThatThrownBy(() -> failingBefore.write(rows)).isInstanceOf(DataAccessResourceFailureException.class);
	}

	/** A transaction manager whose commit fails as a dropped connection would. */
	static final class FailingAtCommit extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			throw new DataAccessResourceFailureException("JDBC commit; connection reset");
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}
	}
}
