package io.livepulse.settings;

import java.time.Instant;

/** One audited change of one setting. */
record SettingsChange(long id, String settingKey, String oldValue, String newValue, String changedBy,
		Instant changedAt) {
}
