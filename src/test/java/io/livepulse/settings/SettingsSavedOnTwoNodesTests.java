package io.livepulse.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.support.LivePulsePostgresTest;

/**
 * Two admins saving at once on two nodes, on PostgreSQL: here the other node's save is played by a transaction of
 * the test's own (this node's lock cannot hold it back), which stores a key never stored before.
 */
@LivePulsePostgresTest
class SettingsSavedOnTwoNodesTests {

	@Autowired
	SettingsService settings;

	@Autowired
	SettingsRepository repository;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	StreamSettings before;

	@BeforeEach
	void neitherBoundStoredYet() {
		before = settings.current();
		jdbc.sql("delete from global_stream_settings where setting_key in ('minSimulatedViewers', 'maxSimulatedViewers')")
			.update();
		settings.reload();
	}

	@AfterEach
	void settingsAsFound() {
		settings.update(before, "test");
	}

	@Test
	void aSaveWaitsForTheOtherNodesAndReadsWhatItCommittedSoTheStoredBoundsStayInOrder() throws Exception {
		StreamSettings defaults = settings.current();
		StreamSettings minimumUp = new StreamSettings(defaults.simulatedViewersEnabled(), 50, defaults.maxSimulatedViewers(),
				defaults.viewerIncreasePerMinute(), defaults.viewerDecreasePerMinute(), defaults.simulatedLikesEnabled(),
				defaults.simulatedLikesPerMinute(), defaults.engagementMultiplier(), defaults.viewerTimeoutSeconds(),
				defaults.likeRateLimitPerSecond(), defaults.hideViewerCountBelow(), defaults.maxViewersPerAddress());
		CompletableFuture<StreamSettings> thisNode = new CompletableFuture<>();

		transactions.executeWithoutResult(status -> {
			// the other node's save: it has read the settings (and taken their lock) and lowers the maximum to 40
			repository.loadValuesForUpdate();
			Thread.ofVirtual().start(() -> {
				try {
					thisNode.complete(settings.update(minimumUp, "admin-on-this-node"));
				}
				catch (RuntimeException failed) {
					thisNode.completeExceptionally(failed);
				}
			});
			sleep(500);
			repository.store("maxSimulatedViewers", "40", "admin-on-the-other-node", Instant.now());
		});
		thisNode.get(10, TimeUnit.SECONDS);

		StreamSettings stored = StreamSettings.fromValues(repository.loadValues());
		assertThat(stored.minSimulatedViewers()).isEqualTo(50);
		assertThat(stored.maxSimulatedViewers()).as("this save's maximum, written over the other's 40")
			.isEqualTo(defaults.maxSimulatedViewers());
		assertThat(stored.violations()).isEmpty();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}
}
