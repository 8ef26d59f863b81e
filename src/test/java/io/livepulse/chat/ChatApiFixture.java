package io.livepulse.chat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.Unique;

/**
 * What the chat API contracts share: the service (a shared context, whose clock tests move), callers of
 * their own per test (sellers with vendors no other test uses, so their bans, terms and audit rows are
 * theirs), helpers.
 */
abstract class ChatApiFixture {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	ApiClient api;
	String sellerId;
	long vendor;
	String seller;
	String otherSeller;
	String admin;
	String viewer;
	String viewer2;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		sellerId = Unique.user("seller");
		vendor = Unique.vendorId();
		seller = api.token(sellerId, "SELLER", vendor);
		otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		admin = api.token("admin", "ADMIN", null);
		viewer = api.token("viewer-" + System.nanoTime(), "VIEWER", null);
		viewer2 = api.token("viewer-b-" + System.nanoTime(), "VIEWER", null);
	}

	@AfterEach
	void resetClock() {
		((ShiftableClock) clock).reset();
	}

	Response post(long streamId, String token, String text) {
		return api.post("/api/streams/" + streamId + "/chat", token, "{\"text\":" + json(text) + "}");
	}

	static String json(String text) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
	}

	long stored(long streamId) {
		return jdbc.sql("select count(*) from chat_messages where stream_id = :id").param("id", streamId)
			.query(Long.class).single();
	}

	List<String> texts(long streamId, String token) {
		return api.get("/api/streams/" + streamId + "/chat", token).json().get("messages").findValuesAsString("text");
	}
}
