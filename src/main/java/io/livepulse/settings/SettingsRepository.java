package io.livepulse.settings;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SettingsRepository {

	private final JdbcClient jdbc;

	SettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<String, String> loadValues() {
		return values("select setting_key, setting_value from global_stream_settings");
	}

	/** As {@link #loadValues()}, the rows locked until the transaction ends. */
	/** The stored values, after taking the update guard: another node's update waits until this one commits. */
	Map<String, String> loadValuesForUpdate() {
		jdbc.sql("select id from settings_update_guard where id = 1 for update").query(Integer.class).single();
		return values("select setting_key, setting_value from global_stream_settings");
	}

	private Map<String, String> values(String select) {
		Map<String, String> values = new HashMap<>();
		jdbc.sql(select).query(rs -> {
			values.put(rs.getString("setting_key"), rs.getString("setting_value"));
		});
		return values;
	}

	void store(String key, String value, String changedBy, Instant at) {
		int updated = jdbc.sql("""
				update global_stream_settings
				   set setting_value = :value, updated_at = :at, updated_by = :by
				 where setting_key = :key
				""")
			.param("key", key).param("value", value).param("at", Timestamp.from(at)).param("by", changedBy)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into global_stream_settings (setting_key, setting_value, updated_at, updated_by)
					values (:key, :value, :at, :by)
					""")
				.param("key", key).param("value", value).param("at", Timestamp.from(at)).param("by", changedBy)
				.update();
		}
	}

	void audit(String key, String oldValue, String newValue, String changedBy, Instant at) {
		jdbc.sql("""
				insert into settings_audit (setting_key, old_value, new_value, changed_by, changed_at)
				values (:key, :old, :new, :by, :at)
				""")
			.param("key", key).param("old", oldValue).param("new", newValue).param("by", changedBy)
			.param("at", Timestamp.from(at))
			.update();
	}

	List<SettingsChange> recentChanges(int limit) {
		return jdbc.sql("""
				select id, setting_key, old_value, new_value, changed_by, changed_at
				  from settings_audit
				 order by changed_at desc, id desc
				 limit :limit
				""")
			.param("limit", limit)
			.query((rs, row) -> new SettingsChange(rs.getLong("id"), rs.getString("setting_key"),
					rs.getString("old_value"), rs.getString("new_value"), rs.getString("changed_by"),
					rs.getTimestamp("changed_at").toInstant()))
			.list();
	}
}
