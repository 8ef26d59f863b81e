package io.livepulse.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.shared.ApiProblem;
import io.livepulse.support.Databases;

/**
 * The settings module on its own (no other module's beans), with a clock that stands still: a change
 * is stored, audited at that instant and announced as {@link SettingsChanged}; an invalid one changes
 * nothing and announces nothing.
 */
@ApplicationModuleTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SettingsModuleTests {

	static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	@TestConfiguration(proxyBeanMethods = false)
	static class StandingClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@Autowired
	SettingsService settings;

	@Test
	void aChangeIsAuditedAtTheClocksTimeAndAnnouncedOnce(PublishedEvents events) {
		StreamSettings before = settings.current();
		StreamSettings requested = new StreamSettings(true, 15, 100, 5, 3, true, 3, 2.0, 45, 10, 0, 25);

		settings.update(requested, "admin-7");

		assertThat(settings.current().viewerTimeoutSeconds()).isEqualTo(45);
		assertThat(settings.recentChanges(10)).singleElement().satisfies(change -> {
			assertThat(change.settingKey()).isEqualTo("viewerTimeoutSeconds");
			assertThat(change.oldValue()).isEqualTo(Integer.toString(before.viewerTimeoutSeconds()));
			assertThat(change.newValue()).isEqualTo("45");
			assertThat(change.changedBy()).isEqualTo("admin-7");
			assertThat(change.changedAt()).isEqualTo(NOW);
		});
		assertThat(events.ofType(SettingsChanged.class)).singleElement()
			.satisfies(changed -> assertThat(changed.current()).isEqualTo(requested));
	}

	@Test
	void anInvalidChangeStoresAuditsAndAnnouncesNothing(PublishedEvents events) {
		StreamSettings before = settings.current();
		StreamSettings invalid = new StreamSettings(true, 500, 100, 5, 3, true, 3, 0, 1, 10, 0, 25);

		assertThatThrownBy(() -> settings.update(invalid, "admin-7")).isInstanceOf(ApiProblem.class);

		assertThat(settings.current()).isEqualTo(before);
		assertThat(settings.recentChanges(10)).isEmpty();
		assertThat(events.ofType(SettingsChanged.class)).isEmpty();
	}
}
