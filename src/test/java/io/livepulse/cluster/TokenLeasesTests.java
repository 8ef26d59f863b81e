package io.livepulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.livepulse.support.EmbeddedRedis;
import io.livepulse.support.TestGroups;

/** Two nodes' leases on one real Redis bucket: the limit holds over both, and Redis is asked once per block. */
@Tag(TestGroups.CLUSTER)
class TokenLeasesTests {

	static EmbeddedRedis redis;
	static ClusterRedis nodeA;
	static ClusterRedis nodeB;

	@BeforeAll
	static void start() {
		redis = EmbeddedRedis.start();
		nodeA = connect();
		nodeB = connect();
	}

	static ClusterRedis connect() {
		return new ClusterRedis(new ClusterProperties(redis.url(), null, Duration.ofSeconds(1), "livepulse:events", 100,
				Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(10), false));
	}

	@AfterAll
	static void stop() throws Exception {
		nodeA.destroy();
		nodeB.destroy();
		redis.close();
	}

	@Test
	void requestsAlternatingOverTwoNodesGetTheBucketsCapacityOnceAndAskRedisOncePerBlock() {
		TokenLeases a = new TokenLeases(nodeA);
		TokenLeases b = new TokenLeases(nodeB);
		long callsBefore = LuaCalls.soFar(nodeA);
		long callsForTheFirst60 = -1;
		int granted = 0;
		for (int i = 0; i < 200; i++) {
			if ((i % 2 == 0 ? a : b).tryAcquire("like:1|burst", 80, 0.01)) {
				granted++;
				if (granted == 60) {
					callsForTheFirst60 = LuaCalls.soFar(nodeA) - callsBefore;
				}
			}
		}
		assertThat(granted).as("80 tokens, refilled at one per 100 s").isEqualTo(80);
		// blocks of 20 (a quarter of the capacity), topped up by at least 10 when half is spent: about eight
		// calls for 60 tokens; the bound leaves room for a slow Redis making a node ask again before its
		// top-up returned (each such call still takes a block). The requests after the bucket ran dry ask
		// once each, as their node holds nothing, so they are not counted here.
		assertThat(callsForTheFirst60).as("Lua calls for the first 60 tokens (one per request would be 60)")
			.isBetween(2L, 15L);
	}

	@Test
	void aNodeThatHoldsABlockAnswersFromMemory() {
		TokenLeases a = new TokenLeases(nodeA);
		assertThat(a.tryAcquire("like:2|steady", 1000, 1000)).isTrue();
		long callsBefore = LuaCalls.soFar(nodeA);
		int granted = 0;
		for (int i = 0; i < 100; i++) {
			granted += a.tryAcquire("like:2|steady", 1000, 1000) ? 1 : 0;
		}
		assertThat(granted).isEqualTo(100);
		assertThat(LuaCalls.soFar(nodeA) - callsBefore).as("at most the background refill of a 250-token block").isLessThanOrEqualTo(1);
	}

	@Test
	void aTokenHeldPastItsLeaseGoesBackToTheBucketInsteadOfAddingToAFullOne() throws Exception {
		Duration lease = Duration.ofMillis(300); // the service's is TokenLeases.LEASE; a short one keeps the test short
		TokenLeases a = new TokenLeases(nodeA, lease);
		TokenLeases b = new TokenLeases(nodeB, lease);
		assertThat(a.tryAcquire("like:3|late", 8, 0.01)).isTrue(); // node A took a block of 2 and holds 1
		Thread.sleep(lease.toMillis() + 50);
		nodeA.commands().del("livepulse:rate:like:3|late"); // the bucket is full again, as after a long pause

		int granted = 0;
		for (int i = 0; i < 20; i++) {
			granted += (i % 2 == 0 ? a : b).tryAcquire("like:3|late", 8, 0.01) ? 1 : 0;
		}
		assertThat(granted).as("a full bucket's 8; node A's old token is not one more").isEqualTo(8);
	}
}
