package io.livepulse.chat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;

/** What the chat API contracts share: the service on a random port with a clock tests move, callers, helpers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChatApiFixture.Clocks.class)
abstract class ChatApiFixture {

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		ShiftableClock shiftableClock() {
			return new ShiftableClock();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	ApiClient api;
	String seller;
	String otherSeller;
	String admin;
	String viewer;
	String viewer2;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		seller = api.token("seller-1", "SELLER", 456L);
		otherSeller = api.token("seller-2", "SELLER", 789L);
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
