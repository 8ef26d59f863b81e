package io.livepulse.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SampleRepository {

	record Row(Instant at, int realViewers, long realLikes, Integer simulatedViewers, Long simulatedLikes) {
	}

	private final JdbcClient jdbc;

	SampleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(long streamId, Row row) {
		try {
			jdbc.sql("""
					insert into stream_samples (stream_id, sampled_at, real_viewers, real_likes, simulated_viewers,
					                            simulated_likes)
					values (:streamId, :at, :viewers, :likes, :simViewers, :simLikes)
					""")
				.param("streamId", streamId).param("at", Timestamp.from(row.at()))
				.param("viewers", row.realViewers()).param("likes", row.realLikes())
				.param("simViewers", row.simulatedViewers()).param("simLikes", row.simulatedLikes())
				.update();
		}
		catch (DuplicateKeyException sameInstant) {
			// two samples in the same instant (a tick racing the end-of-stream sample): the first one stands
		}
	}

	/**
	 * The stream's samples in time order, up to its end when it ended: a tick that sampled the stream just as it
	 * ended may have stored a point after the closing one (which carries the frozen final figures).
	 */
	List<Row> timeline(long streamId, @Nullable Instant endedAt) {
		return jdbc.sql("""
				select sampled_at, real_viewers, real_likes, simulated_viewers, simulated_likes
				  from stream_samples where stream_id = :streamId order by sampled_at
				""").param("streamId", streamId)
			.query((rs, n) -> new Row(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getLong(3),
					(Integer) rs.getObject(4, Integer.class), (Long) rs.getObject(5, Long.class)))
			.list().stream().filter(row -> endedAt == null || !row.at().isAfter(endedAt)).toList();
	}

	static List<Sample> withRates(List<Row> rows) {
		List<Sample> samples = new ArrayList<>(rows.size());
		Row previous = null;
		for (Row row : rows) {
			double rate = 0;
			if (previous != null) {
				double minutes = (row.at().toEpochMilli() - previous.at().toEpochMilli()) / 60_000.0;
				rate = minutes > 0 ? Math.max(0, row.realLikes() - previous.realLikes()) / minutes : 0;
			}
			samples.add(new Sample(row.at(), row.realViewers(), row.realLikes(), Math.round(rate * 10) / 10.0,
					row.simulatedViewers(), row.simulatedLikes(), 0));
			previous = row;
		}
		return samples;
	}
}
