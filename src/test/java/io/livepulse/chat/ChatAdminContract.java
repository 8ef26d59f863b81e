package io.livepulse.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.livepulse.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/** The admins' chat tools: the allow-list of link hosts and the review queue across every stream. */
abstract class ChatAdminContract extends ChatApiFixture {

	static final String HOSTS = "/api/admin/chat/link-hosts";

	@AfterEach
	void emptyTheLists() {
		api.put(HOSTS, admin, "{\"hosts\":[]}");
		api.put("/api/admin/blocked-terms", admin, "{\"terms\":[]}");
	}

	long auditedHostChanges() {
		return jdbc.sql("select count(*) from settings_audit where setting_key = 'chatLinkHost'").query(Long.class).single();
	}

	@Test
	void anAdminKeepsTheLinkHostsWhichTheChatReadCarriesAndEveryChangeIsAudited() {
		long id = api.liveStream(seller, "Links");
		assertThat(api.get("/api/streams/" + id + "/chat", null).json().get("linkHosts").size()).isZero();
		long auditedBefore = auditedHostChanges();

		Response saved = api.put(HOSTS, admin, "{\"hosts\":[\" Shop.Example.com \",\"docs.example.org\",\"shop.example.com\"]}");

		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.json().get("hosts").valueStream().map(JsonNode::asString).toList())
			.containsExactly("docs.example.org", "shop.example.com");
		assertThat(api.get(HOSTS, admin).json().get("hosts").size()).isEqualTo(2);
		assertThat(api.get("/api/streams/" + id + "/chat", null).json().get("linkHosts").valueStream()
			.map(JsonNode::asString).toList()).containsExactly("docs.example.org", "shop.example.com");
		assertThat(auditedHostChanges() - auditedBefore).as("two additions").isEqualTo(2);
		assertThat(api.put(HOSTS, admin, "{\"hosts\":[\"shop.example.com\"]}").status()).isEqualTo(200);
		assertThat(auditedHostChanges() - auditedBefore).as("and one removal").isEqualTo(3);
	}

	@Test
	void eachMessageCarriesTheLinksTheAllowedHostsMakeClickableWhenItIsRead() {
		long id = api.liveStream(seller, "Marked links");
		api.put(HOSTS, admin, "{\"hosts\":[\"shop.example.com\"]}");
		String text = "Buy at https://shop.example.com/p/1, not https://evil.example.net/p/1";
		assertThat(api.post("/api/streams/" + id + "/chat", viewer, "{\"text\":\"" + text + "\"}").status()).isEqualTo(201);

		JsonNode links = lastMessage(id).get("links");
		assertThat(links.size()).isEqualTo(1);
		assertThat(text.substring(links.get(0).get("start").asInt(), links.get(0).get("end").asInt()))
			.isEqualTo("https://shop.example.com/p/1");

		api.put(HOSTS, admin, "{\"hosts\":[]}");
		assertThat(lastMessage(id).get("links").size()).as("the list as it is when read").isZero();
	}

	private JsonNode lastMessage(long streamId) {
		JsonNode messages = api.get("/api/streams/" + streamId + "/chat", viewer).json().get("messages");
		return messages.get(messages.size() - 1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://shop.example.com", "shop.example.com/path", "shop.example.com:8080", "*.example.com",
			"localhost", "127.0.0.1", "exa mple.com", "-bad.example.com", "shop..example.com", "" })
	void aHostThatIsNotAPlainHostNameRefusesTheWholeList(String host) {
		api.put(HOSTS, admin, "{\"hosts\":[\"keep.example.com\"]}");
		long audited = auditedHostChanges();

		Response refused = api.put(HOSTS, admin, "{\"hosts\":[\"fine.example.com\"," + json(host) + "]}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("hosts[1]");
		assertThat(api.get(HOSTS, admin).json().get("hosts").valueStream().map(JsonNode::asString).toList())
			.containsExactly("keep.example.com");
		assertThat(auditedHostChanges()).isEqualTo(audited);
	}

	@Test
	void aMissingListAnUnknownFieldOrTooManyHostsChangeNothing() {
		List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> json("h" + i + ".example.com")).toList();

		assertThat(api.put(HOSTS, admin, "{}").status()).isEqualTo(400);
		assertThat(api.put(HOSTS, admin, "{\"hosts\":[],\"extra\":1}").status()).isEqualTo(400);
		assertThat(api.put(HOSTS, admin, "{\"hosts\":\"shop.example.com\"}").status()).isEqualTo(400);
		Response tooMany = api.put(HOSTS, admin, "{\"hosts\":[" + String.join(",", many) + "]}");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.json().get("errors").findValuesAsString("field")).contains("hosts");
		assertThat(api.put(HOSTS, seller, "{\"hosts\":[]}").status()).isEqualTo(403);
		assertThat(api.get(HOSTS, admin).json().get("hosts").size()).isZero();
	}

	@Test
	void theAdminQueueListsHeldAndReportedMessagesOfEveryStreamNewestFirst() {
		long mine = api.liveStream(seller, "Queue one");
		long theirs = api.liveStream(otherSeller, "Queue two");
		api.put("/api/admin/blocked-terms", admin, "{\"terms\":[\"queueheld\"]}");
		long held = post(mine, viewer, "a queueheld message").json().get("id").asLong();
		long reported = post(theirs, viewer2, "reported elsewhere").json().get("id").asLong();
		long fine = post(theirs, viewer, "nothing wrong").json().get("id").asLong();
		api.post("/api/streams/" + theirs + "/chat/" + reported + "/reports", viewer, null);

		JsonNode queue = api.get("/api/admin/chat/review", admin).json();

		List<Long> ids = queue.findValues("message").stream().map(m -> m.get("id").asLong()).toList();
		assertThat(ids).containsSubsequence(reported, held).doesNotContain(fine);
		JsonNode first = queue.get(ids.indexOf(reported));
		assertThat(first.get("reports").asLong()).isEqualTo(1);
		assertThat(first.get("message").get("streamId").asLong()).isEqualTo(theirs);
		assertThat(api.get("/api/admin/chat/review", seller).status()).isEqualTo(403);

		assertThat(api.post("/api/streams/" + mine + "/chat/" + held + "/release", admin, null).status()).isEqualTo(200);
		assertThat(api.get("/api/admin/chat/review", admin).json().findValues("message").stream()
			.map(m -> m.get("id").asLong())).doesNotContain(held);
	}
}
