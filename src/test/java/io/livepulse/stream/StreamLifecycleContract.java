package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.TestSecrets;
import io.livepulse.support.TestTokens;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/**
 * The stream lifecycle through the HTTP API only, run against H2 and against a real PostgreSQL
 * by the two subclasses.
 */
abstract class StreamLifecycleContract {

	String keyPattern;
	long vendor;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;
	String seller;
	String otherSeller;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		vendor = Unique.vendorId();
		keyPattern = "^vendor_" + vendor + "_[0-9]{10}_[A-Za-z0-9_-]{22,}$";
		seller = api.token(Unique.user("seller"), "SELLER", vendor);
		otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
	}

	long createStream(String token, String body) {
		Response created = api.post("/api/streams", token, body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	@Test
	void createReturnsAWellFormedKeyThatNoPublicPayloadContains() {
		Response created = api.post("/api/streams", seller, "{\"title\":\"Spring sale\"}");

		assertThat(created.status()).isEqualTo(201);
		String key = created.json().get("streamKey").asString();
		assertThat(key).matches(keyPattern);
		long id = created.json().get("id").asLong();
		assertThat(created.json().get("status").asString()).isEqualTo("CREATED");
		assertThat(created.json().get("mode").asString()).isEqualTo("LIVE");

		Response publicView = api.get("/api/streams/" + id, null);
		Response publicList = api.get("/api/streams", null);
		assertThat(publicView.status()).isEqualTo(200);
		assertThat(publicView.body()).doesNotContain(key).doesNotContain("streamKey");
		assertThat(publicList.body()).contains("\"id\":" + id).doesNotContain(key).doesNotContain("streamKey");

		Response ownerKey = api.get("/api/streams/" + id + "/key", seller);
		assertThat(ownerKey.json().get("streamKey").asString()).isEqualTo(key);
	}

	/** A shop's or viewer's token that happens to carry a vendor id is no seller of that vendor. */
	@Test
	void aTokenWithTheVendorButNotTheSellerRoleListsNoneOfItsStreamsOrReplays() {
		long id = createStream(seller, "{\"title\":\"Not yours to list\"}");
		api.post("/api/streams/" + id + "/start", seller, null);
		api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");

		for (String role : new String[] { "VIEWER", "COMMERCE" }) {
			// as an identity provider might issue it (the dev sign-in gives a vendor id to sellers only)
			String notSeller = TestTokens.hs256(TestSecrets.JWT, TestTokens.claims(Unique.user("staff"), role, vendor,
					Instant.now(), Instant.now().plusSeconds(600)));
			assertThat(api.get("/api/streams/mine", notSeller).json().size()).as(role).isZero();
			assertThat(api.get("/api/replays", notSeller).json().size()).as(role).isZero();
		}
		assertThat(api.get("/api/streams/mine", seller).json().size()).isEqualTo(1);
	}

	@Test
	void fullLifecycleStartEndWithSaveListsTheReplay() {
		long id = createStream(seller, "{\"title\":\"Shoes live\",\"description\":\"new season\"}");

		Response started = api.post("/api/streams/" + id + "/start", seller, null);
		assertThat(started.status()).isEqualTo(200);
		assertThat(started.json().get("status").asString()).isEqualTo("LIVE");
		assertThat(api.get("/api/streams?status=LIVE", null).body()).contains("\"id\":" + id);

		Response ended = api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");
		assertThat(ended.status()).isEqualTo(200);
		assertThat(ended.json().get("status").asString()).isEqualTo("ENDED");
		assertThat(ended.json().get("finalMetrics").get("likes").asLong()).isZero();

		JsonNode replays = api.get("/api/replays", seller).json();
		assertThat(replays.findValues("streamId")).extracting(JsonNode::asLong).containsExactly(id);
		assertThat(api.get("/api/replays", otherSeller).json().size()).isZero();
	}

	@Test
	void endingTwiceIsIdempotentAndSavesOneReplay() {
		long id = createStream(seller, "{\"title\":\"Twice\"}");
		api.post("/api/streams/" + id + "/start", seller, null);

		Response first = api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");
		Response second = api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");

		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("status").asString()).isEqualTo("ENDED");
		assertThat(second.json().get("endedAt").asString()).isEqualTo(first.json().get("endedAt").asString());
		assertThat(api.get("/api/replays", seller).json().findValues("streamId"))
			.extracting(JsonNode::asLong).filteredOn(streamId -> streamId == id).hasSize(1);
	}

	@Test
	void startingTwiceIsIdempotent() {
		long id = createStream(seller, "{\"title\":\"Start twice\"}");
		Response first = api.post("/api/streams/" + id + "/start", seller, null);
		Response second = api.post("/api/streams/" + id + "/start", seller, null);

		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("startedAt").asString()).isEqualTo(first.json().get("startedAt").asString());
	}

	@Test
	void startingAnEndedStreamIsAConflictProblem() {
		long id = createStream(seller, "{\"title\":\"Gone\"}");
		api.post("/api/streams/" + id + "/end", seller, null);

		Response restart = api.post("/api/streams/" + id + "/start", seller, null);

		assertThat(restart.status()).isEqualTo(409);
		assertThat(restart.isProblem()).isTrue();
		assertThat(restart.json().get("detail").asString()).contains("has ended");
		assertThat(api.get("/api/streams/" + id, null).json().get("status").asString()).isEqualTo("ENDED");
	}

	@Test
	void anotherSellerCannotReadStartEndOrRotateTheStream() {
		long id = createStream(seller, "{\"title\":\"Mine\"}");

		for (Response response : new Response[] { api.get("/api/streams/" + id + "/key", otherSeller),
				api.post("/api/streams/" + id + "/start", otherSeller, null),
				api.post("/api/streams/" + id + "/end", otherSeller, null),
				api.post("/api/streams/" + id + "/key/rotate", otherSeller, null) }) {
			assertThat(response.status()).isIn(403, 404);
			assertThat(response.isProblem()).isTrue();
		}
		assertThat(api.get("/api/streams/" + id, null).json().get("status").asString()).isEqualTo("CREATED");
	}

	@Test
	void adminMayRevokeButNeverReadAKeyAndMayEndAnySellersStream() {
		String admin = api.token("admin", "ADMIN", null);
		long id = createStream(seller, "{\"title\":\"Moderated\"}");
		String before = api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString();

		Response read = api.get("/api/streams/" + id + "/key", admin);
		Response rotated = api.post("/api/streams/" + id + "/key/rotate", admin, null);

		assertThat(read.status()).isEqualTo(403);
		assertThat(read.isProblem()).isTrue();
		assertThat(rotated.status()).isEqualTo(200);
		assertThat(rotated.json().has("streamKey")).as("admins revoke, they never see a key").isFalse();
		assertThat(api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString())
			.isNotEqualTo(before);
		assertThat(api.post("/api/streams/" + id + "/end", admin, null).json().get("status").asString())
			.isEqualTo("ENDED");
	}

	@Test
	void rotateReplacesTheKeyBeforeAndDuringTheStreamButNotAfterItEnded() {
		long id = createStream(seller, "{\"title\":\"Rotate\"}");
		String oldKey = api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString();

		Response rotated = api.post("/api/streams/" + id + "/key/rotate", seller, null);
		assertThat(rotated.status()).isEqualTo(200);
		String newKey = rotated.json().get("streamKey").asString();
		assertThat(newKey).matches(keyPattern).isNotEqualTo(oldKey);

		api.post("/api/streams/" + id + "/start", seller, null);
		Response whileLive = api.post("/api/streams/" + id + "/key/rotate", seller, null);
		assertThat(whileLive.status()).as("a leaked key can be revoked mid-stream").isEqualTo(200);
		String liveKey = whileLive.json().get("streamKey").asString();
		assertThat(liveKey).matches(keyPattern).isNotEqualTo(newKey);

		api.post("/api/streams/" + id + "/end", seller, null);
		Response afterEnd = api.post("/api/streams/" + id + "/key/rotate", seller, null);
		assertThat(afterEnd.status()).isEqualTo(409);
		assertThat(afterEnd.isProblem()).isTrue();
		assertThat(api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString())
			.isEqualTo(liveKey);
		String row = jdbc.sql("select * from live_streams where id = :id").param("id", id).query().singleRow().toString();
		for (String key : new String[] { oldKey, newKey, liveKey }) {
			assertThat(row).as("no key in plain text in the table").doesNotContain(key.split("_", 4)[3]);
		}
	}

	@Test
	void rehearsalsAreNeverInThePublicList() {
		long rehearsal = createStream(seller, "{\"title\":\"Practice\",\"mode\":\"REHEARSAL\"}");
		api.post("/api/streams/" + rehearsal + "/start", seller, null);

		assertThat(api.get("/api/streams", null).body()).doesNotContain("\"id\":" + rehearsal + ",");
		assertThat(api.get("/api/streams?status=LIVE", null).body()).doesNotContain("\"id\":" + rehearsal + ",");
		assertThat(api.get("/api/streams/mine", seller).body()).contains("\"id\":" + rehearsal + ",");
	}

	@Test
	void badInputGetsAProblemAndCreatesNothing() {
		int before = api.get("/api/streams/mine", seller).json().size();

		Response malformed = api.post("/api/streams", seller, "{\"title\":");
		Response missingTitle = api.post("/api/streams", seller, "{\"description\":\"no title\"}");
		Response badMode = api.post("/api/streams", seller, "{\"title\":\"x\",\"mode\":\"FAKE\"}");
		Response unknown = api.get("/api/streams/999999", null);
		Response notANumber = api.get("/api/streams/abc", null);
		Response badStatus = api.get("/api/streams?status=NOPE", null);

		assertThat(malformed.status()).isEqualTo(400);
		assertThat(missingTitle.status()).isEqualTo(400);
		assertThat(missingTitle.json().get("errors").get(0).get("field").asString()).isEqualTo("title");
		assertThat(badMode.status()).isEqualTo(400);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(notANumber.status()).isEqualTo(400);
		assertThat(badStatus.status()).isEqualTo(400);
		for (Response response : new Response[] { malformed, missingTitle, badMode, unknown, notANumber, badStatus }) {
			assertThat(response.isProblem()).as(response.body()).isTrue();
			assertThat(response.json().get("detail").asString()).isNotBlank();
		}
		assertThat(api.get("/api/streams/mine", seller).json().size()).isEqualTo(before);
	}

	@Test
	void onlySellersCreateStreamsAndAnonymousCallersAreAskedToSignIn() {
		String viewer = api.token("viewer-1", "VIEWER", null);

		Response asViewer = api.post("/api/streams", viewer, "{\"title\":\"nope\"}");
		Response anonymous = api.post("/api/streams", null, "{\"title\":\"nope\"}");
		Response forgedToken = api.post("/api/streams", seller + "x", "{\"title\":\"nope\"}");

		assertThat(asViewer.status()).isEqualTo(403);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(forgedToken.status()).isEqualTo(401);
		assertThat(asViewer.isProblem() && anonymous.isProblem() && forgedToken.isProblem()).isTrue();
	}
}
