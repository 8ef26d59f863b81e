package io.livepulse.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Who runs the jobs that must run once (the rehearsal simulator's tick, the timeline sampler, the
 * scheduled reconciliation). In single-node mode this node, always. In cluster mode the holder of a lease
 * row in PostgreSQL, timed by the database's clock: the holder renews it every third of its duration; a
 * node that cannot renew it (database unreachable, or another node took an expired lease) stops at once,
 * before the lease runs out, so two nodes never run a job in the same period. The database, not Redis,
 * holds it: those jobs write there, so without the database there is nothing for them to do.
 */
@Component
public class Leadership implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(Leadership.class);
	private static final String LEASE = "jobs";

	private final JdbcClient jdbc;
	private final ClusterProperties properties;
	/**
	 * Whether this node holds the lease, and the System.nanoTime() until which it may act on it: one value, so a
	 * reader on another tick never sees a new deadline beside the old holding.
	 */
	private volatile Lease lease = new Lease(false, 0);

	private record Lease(boolean holding, long untilNanos) {

		boolean validAt(long nanos) {
			return holding && nanos - untilNanos < 0;
		}
	}

	Leadership(JdbcClient jdbc, ClusterProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** True when this node should run the jobs that must run once, now. */
	public boolean isLeader() {
		return !properties.enabled() || lease.validAt(System.nanoTime());
	}

	void renew() {
		long askedAt = System.nanoTime();
		boolean held;
		try {
			held = jdbc.sql("""
					insert into cluster_leases (name, holder, expires_at)
					values (:name, :node, now() + make_interval(secs => :seconds))
					on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
					 where cluster_leases.holder = excluded.holder or cluster_leases.expires_at < now()
					returning holder
					""")
				.param("name", LEASE).param("node", properties.node())
				.param("seconds", properties.leaseDuration().toMillis() / 1000.0)
				.query(String.class).optional().isPresent();
		}
		catch (RuntimeException unreachable) {
			log.warn("Could not renew the job lease; this node stops its once-only jobs", unreachable);
			held = false;
		}
		boolean was = isLeader();
		// counted from before the question, and a third short of the lease, so this node stops before any other may start
		lease = new Lease(held, askedAt + properties.leaseDuration().toNanos() * 2 / 3);
		if (held != was) {
			log.info(held ? "This node ({}) now runs the once-only jobs" : "This node ({}) no longer runs the once-only jobs",
					properties.node());
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		if (properties.enabled()) {
			tasks.addFixedDelayTask(this::renew, properties.leaseDuration().dividedBy(3));
		}
	}
}
