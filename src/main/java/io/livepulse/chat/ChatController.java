package io.livepulse.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.chat.ChatModeration.Ban;
import io.livepulse.chat.ChatModeration.BanRequest;
import io.livepulse.chat.ChatModeration.SettingsRequest;
import io.livepulse.chat.ChatModeration.Timeout;
import io.livepulse.chat.ChatModeration.TimeoutRequest;
import io.livepulse.chat.ChatService.ChatRequest;
import io.livepulse.chat.ChatService.ChatView;
import io.livepulse.security.Caller;
import tools.jackson.databind.JsonNode;

/** Chat: posting (signed in), reading (whoever may see the stream), moderation (the stream's seller, admins). */
@RestController
class ChatController {

	private final ChatService chat;
	private final ChatModeration moderation;
	private final ChatBodies bodies;
	private final ChatReview review;
	private final ChatPins pins;
	private final ChatLinkHosts linkHosts;

	ChatController(ChatService chat, ChatModeration moderation, ChatBodies bodies, ChatReview review, ChatPins pins,
			ChatLinkHosts linkHosts) {
		this.linkHosts = linkHosts;
		this.review = review;
		this.pins = pins;
		this.chat = chat;
		this.moderation = moderation;
		this.bodies = bodies;
	}

	@PostMapping("/api/streams/{id}/chat")
	ResponseEntity<ChatMessage> post(@PathVariable long id, Caller caller, @RequestBody JsonNode body) {
		ChatMessage message = chat.post(id, caller, bodies.read(body, ChatRequest.class, Set.of("text")));
		return ResponseEntity.status(HttpStatus.CREATED).body(message);
	}

	@GetMapping("/api/streams/{id}/chat")
	ChatView recent(@PathVariable long id, Optional<Caller> caller, @RequestParam(required = false) @Nullable Long before) {
		return chat.recent(id, caller, before);
	}

	@DeleteMapping("/api/streams/{id}/chat/{messageId}")
	ResponseEntity<Void> delete(@PathVariable long id, @PathVariable long messageId, Caller caller) {
		moderation.delete(id, caller, messageId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/streams/{id}/chat/timeouts")
	Timeout timeOut(@PathVariable long id, Caller caller, @RequestBody JsonNode body) {
		return moderation.timeOut(id, caller, bodies.read(body, TimeoutRequest.class, Set.of("userId", "minutes")));
	}

	@PutMapping("/api/streams/{id}/chat/settings")
	ChatSettings settings(@PathVariable long id, Caller caller, @RequestBody JsonNode body) {
		return moderation.settings(id, caller,
				bodies.read(body, SettingsRequest.class, Set.of("enabled", "slowModeSeconds")));
	}

	@PostMapping("/api/streams/{id}/chat/bans")
	Ban banOnStream(@PathVariable long id, Caller caller, @RequestBody JsonNode body) {
		return moderation.banOnStream(id, caller, bodies.read(body, BanRequest.class, Set.of("userId")));
	}

	@PostMapping("/api/sellers/me/bans")
	Ban ban(Caller caller, @RequestBody JsonNode body) {
		return moderation.ban(caller, bodies.read(body, BanRequest.class, Set.of("userId")));
	}

	@PutMapping("/api/sellers/me/blocked-terms")
	ChatReview.Terms sellerTerms(Caller caller, @RequestBody JsonNode body) {
		return review.replaceSellerTerms(caller, bodies.read(body, ChatReview.TermsRequest.class, Set.of("terms")));
	}

	@PutMapping("/api/admin/blocked-terms")
	ChatReview.Terms globalTerms(Caller caller, @RequestBody JsonNode body) {
		return review.replaceGlobalTerms(caller, bodies.read(body, ChatReview.TermsRequest.class, Set.of("terms")));
	}

	@GetMapping("/api/streams/{id}/chat/review")
	List<ChatReview.Item> queue(@PathVariable long id, Caller caller) {
		return review.queue(id, caller);
	}

	@PostMapping("/api/streams/{id}/chat/{messageId}/release")
	ChatMessage release(@PathVariable long id, @PathVariable long messageId, Caller caller) {
		return review.release(id, caller, messageId);
	}

	@PostMapping("/api/streams/{id}/chat/{messageId}/reports")
	ResponseEntity<Void> report(@PathVariable long id, @PathVariable long messageId, Caller caller) {
		boolean fresh = review.report(id, caller, messageId);
		return ResponseEntity.status(fresh ? HttpStatus.CREATED : HttpStatus.OK).build();
	}

	@PostMapping("/api/streams/{id}/chat/{messageId}/pin")
	ChatMessage pin(@PathVariable long id, @PathVariable long messageId, Caller caller) {
		return pins.pin(id, caller, messageId);
	}

	@DeleteMapping("/api/streams/{id}/chat/pin")
	ResponseEntity<Void> unpin(@PathVariable long id, Caller caller) {
		pins.unpin(id, caller);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/admin/chat/review")
	List<ChatReview.Item> queueOfAllStreams() {
		return review.queueOfAllStreams();
	}

	@GetMapping("/api/admin/chat/link-hosts")
	ChatLinkHosts.Hosts linkHosts() {
		return new ChatLinkHosts.Hosts(linkHosts.current());
	}

	@PutMapping("/api/admin/chat/link-hosts")
	ChatLinkHosts.Hosts replaceLinkHosts(Caller caller, @RequestBody JsonNode body) {
		return linkHosts.replace(caller, bodies.read(body, ChatLinkHosts.HostsRequest.class, Set.of("hosts")));
	}
}
