package io.livepulse.settings;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;

/** Reads and changes the global stream settings; every change is audited. */
@Service
public class SettingsService {

	private final SettingsRepository repository;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final AtomicReference<StreamSettings> current = new AtomicReference<>();

	private final TransactionTemplate transactions;

	SettingsService(SettingsRepository repository, ApplicationEventPublisher events, Clock clock,
			TransactionTemplate transactions) {
		this.repository = repository;
		this.events = events;
		this.clock = clock;
		this.transactions = transactions;
	}

	public StreamSettings current() {
		StreamSettings settings = current.get();
		if (settings == null) {
			settings = StreamSettings.fromValues(repository.loadValues());
			current.compareAndSet(null, settings);
		}
		return settings;
	}

	/**
	 * Reads the settings again from the database, where another node may have changed them (cluster mode); in turn
	 * with this node's updates, so a read from before one of them can never overwrite what it saved.
	 */
	public synchronized void reload() {
		current.set(StreamSettings.fromValues(repository.loadValues()));
	}

	/**
	 * Validates, stores and audits new settings; invalid settings change nothing. One update at a time on this node
	 * and, through a guard row locked first, over all nodes, each reading what the last one committed: two admins
	 * saving at once each wrote only the keys they changed, and valid sets on their own (a minimum here, a maximum
	 * there) made an invalid one together. This node's copy changes once the update committed.
	 */
	public synchronized StreamSettings update(StreamSettings requested, String changedBy) {
		return update(stored -> requested, changedBy);
	}

	/**
	 * As {@link #update(StreamSettings, String)}, the new settings made from those stored, as read under the guard
	 * (a save that leaves a setting out keeps the value committed last, not this node's copy of it).
	 */
	public synchronized StreamSettings update(UnaryOperator<StreamSettings> fromStored, String changedBy) {
		StreamSettings saved = transactions.execute(status -> {
			StreamSettings previous = StreamSettings.fromValues(repository.loadValuesForUpdate());
			StreamSettings requested = fromStored.apply(previous);
			List<FieldError> violations = requested.violations();
			if (!violations.isEmpty()) {
				throw invalid(violations);
			}
			Map<String, String> oldValues = previous.asValues();
			Instant now = clock.instant();
			requested.asValues().forEach((key, value) -> {
				String oldValue = oldValues.get(key);
				if (!Objects.equals(oldValue, value)) {
					repository.store(key, value, changedBy, now);
					repository.audit(key, oldValue, value, changedBy, now);
				}
			});
			events.publishEvent(new SettingsChanged(previous, requested, changedBy));
			return requested;
		});
		current.set(saved);
		return saved;
	}

	/**
	 * Audits a change to a setting another module keeps (such as the shop-domain allow-list), so that
	 * every admin setting's history is in one place.
	 */
	public void auditChange(String key, String oldValue, String newValue, String changedBy) {
		repository.audit(key, oldValue, newValue, changedBy, clock.instant());
	}

	public List<SettingsChange> recentChanges(int limit) {
		return repository.recentChanges(limit);
	}

	static ApiProblem invalid(List<FieldError> violations) {
		return ApiProblem.badRequest("Some settings are invalid: " + String.join("; ",
				violations.stream().map(e -> e.field() + " " + e.message()).toList()) + ". Nothing was saved.")
			.with("errors", violations);
	}
}
