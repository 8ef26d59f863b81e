package io.livepulse.analytics;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.stream.StreamStatus;

@RestController
class AnalyticsController {

	private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final AnalyticsService analytics;

	AnalyticsController(AnalyticsService analytics) {
		this.analytics = analytics;
	}

	@GetMapping("/api/streams/{id}/analytics")
	StreamAnalytics report(@PathVariable long id, Caller caller) {
		return analytics.report(id, caller);
	}

	@GetMapping("/api/streams/{id}/analytics.csv")
	ResponseEntity<String> csv(@PathVariable long id, Caller caller) {
		String body = analytics.timelineCsv(id, caller);
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"stream-" + id + "-timeline.csv\"")
			.body(body);
	}

	@GetMapping("/api/admin/streams")
	List<AdminStreamRow> allStreams(@RequestParam(required = false) StreamStatus status,
			@RequestParam(required = false) Long vendorId, @RequestParam(defaultValue = "id") String sort,
			@RequestParam(defaultValue = "desc") String direction) {
		if (!"asc".equals(direction) && !"desc".equals(direction)) {
			throw ApiProblem.badRequest("direction must be 'asc' or 'desc'.");
		}
		return analytics.allStreams(status, vendorId, sort, "desc".equals(direction));
	}
}
