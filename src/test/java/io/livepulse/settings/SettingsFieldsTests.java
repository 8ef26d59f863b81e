package io.livepulse.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsFieldsTests {

	@Test
	void theUpdateBodyNamesExactlyTheSettingsFieldsInTheirOrder() {
		assertThat(Arrays.stream(SettingsController.SettingsUpdate.class.getRecordComponents())
			.map(RecordComponent::getName)).containsExactlyElementsOf(SettingsFields.names());
	}

	@Test
	void storedTextReadsBackAsTheSameSettingsAndAMissingKeyKeepsItsDefault() {
		StreamSettings changed = new StreamSettings(false, 5, 50, 2, 1, false, 7, 1.5, 45, 3, 10, 4);

		assertThat(StreamSettings.fromValues(changed.asValues())).isEqualTo(changed);
		assertThat(StreamSettings.fromValues(Map.of("minSimulatedViewers", "7")))
			.isEqualTo(new StreamSettings(true, 7, 100, 5, 3, true, 3, 2.0, 30, 10, 0, 25));
		assertThat(changed.asValues()).containsEntry("engagementMultiplier", "1.5").containsEntry("simulatedLikesEnabled",
				"false");
	}
}
