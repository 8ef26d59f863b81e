package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.settings.StreamSettings;
import io.livepulse.support.Unique;

/** Repository behaviour that depends on the database: constraints and conditional transitions. */
abstract class StreamRepositoryConstraintContract {

	@Autowired
	JdbcStreamRepository repository;

	@Autowired
	JdbcClient jdbc;

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@Test
	void theDatabaseRejectsADuplicateStreamKey() {
		long vendor = Unique.vendorId();
		StreamKey key = new StreamKeys().next(vendor, now);
		repository.insert(vendor, "first", null, null, StreamMode.LIVE, key, now, StreamSettings.DEFAULTS, null);

		assertThatThrownBy(() -> repository.insert(vendor, "second", null, null, StreamMode.LIVE, key, now,
				StreamSettings.DEFAULTS, null)).isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void theKeyIsStoredOnlyAsItsHashAndSealedYetFindsItsStreamAndReadsBack() {
		StreamKey key = new StreamKeys().next(10, now);
		long id = repository.insert(10, "hashed", null, null, StreamMode.LIVE, key, now, StreamSettings.DEFAULTS, null);

		java.util.Map<String, Object> row = jdbc.sql("select * from live_streams where id = :id").param("id", id)
			.query().singleRow();
		assertThat(row).doesNotContainKey("stream_key").containsEntry("stream_key_hash", StreamKeyCipher.hash(key.value()));
		assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(key.value().split("_", 4)[3]));
		assertThat(repository.idOfKey(key.value())).contains(id);
		assertThat(repository.keyOf(id)).contains(key);

		StreamKey rotated = new StreamKeys().next(10, now);
		assertThat(repository.replaceKey(id, rotated)).isTrue();
		assertThat(repository.idOfKey(key.value())).as("the old key finds nothing").isEmpty();
		assertThat(repository.idOfKey(rotated.value())).contains(id);
		assertThat(repository.keyOf(id)).contains(rotated);
	}

	@Test
	void transitionsAreConditionalSoOnlyTheFirstWins() {
		long vendor = Unique.vendorId();
		long id = repository.insert(vendor, "t", null, null, StreamMode.REHEARSAL, new StreamKeys().next(vendor, now), now,
				StreamSettings.DEFAULTS, null);

		assertThat(repository.markLive(id, now)).isTrue();
		assertThat(repository.markLive(id, now)).isFalse();
		assertThat(repository.markEnded(id, now.plusSeconds(90), false)).isTrue();
		assertThat(repository.markEnded(id, now.plusSeconds(99), true)).isFalse();
		Stream stream = repository.findById(id).orElseThrow();
		assertThat(stream.status()).isEqualTo(StreamStatus.ENDED);
		assertThat(stream.durationSecondsAt(Instant.MAX)).isEqualTo(90);
		assertThat(stream.settings()).isEqualTo(StreamSettings.DEFAULTS);
	}

	@Test
	void aReplayIsStoredOncePerStream() {
		long vendor = Unique.vendorId();
		long id = repository.insert(vendor, "r", null, null, StreamMode.LIVE, new StreamKeys().next(vendor, now), now,
				StreamSettings.DEFAULTS, null);
		Stream stream = repository.findById(id).orElseThrow();
		FinalMetrics metrics = new FinalMetrics(3, 40, 5, 6, 1299, "EUR", 2, 600);

		assertThat(repository.insertReplay(stream, "https://cdn/rec.mp4", metrics, now)).isTrue();
		assertThat(repository.insertReplay(stream, "https://cdn/rec.mp4", metrics, now)).isFalse();
		assertThat(repository.replaysOf(vendor)).singleElement()
			.satisfies(replay -> assertThat(replay.finalMetrics()).isEqualTo(metrics));
	}
}
