package io.livepulse.playback;

import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import io.livepulse.shared.CsvCells;
import io.livepulse.stream.StreamService;

/**
 * The admins' viewer report of a stream ({@code /api/admin/...}: admins only), as JSON and as CSV, one row per
 * device this node heard of. A user agent is the client's own text: in the CSV it is quoted, and a cell that a
 * spreadsheet would take for a formula is prefixed with an apostrophe.
 */
@RestController
class PlaybackReportController {

	private static final String CSV_HEADER = "viewer_key,heartbeat_address,fetched_from,last_heartbeat,last_playlist,"
			+ "last_new_segment,watching,webrtc,user_agent\n";

	private final PlaybackReports reports;
	private final StreamService streams;

	PlaybackReportController(PlaybackReports reports, StreamService streams) {
		this.reports = reports;
		this.streams = streams;
	}

	@GetMapping("/api/admin/streams/{id}/viewer-report")
	PlaybackReport report(@PathVariable long id, Caller caller) {
		return reports.report(streams.get(id).id());
	}

	@GetMapping(path = "/api/admin/streams/{id}/viewer-report.csv", produces = "text/csv")
	ResponseEntity<String> csv(@PathVariable long id, Caller caller) {
		long streamId = streams.get(id).id();
		StringBuilder csv = new StringBuilder(CSV_HEADER);
		for (PlaybackReport.Device device : reports.devicesNow(streamId)) {
			csv.append(String.join(",", cell(device.viewerKey()), cell(device.heartbeatAddress()),
					cell(String.join(" ", device.fetchedFrom())), cell(device.lastHeartbeat()), cell(device.lastPlaylist()),
					cell(device.lastNewSegment()), cell(String.valueOf(device.watching())), cell(String.valueOf(device.webRtc())),
					cell(device.userAgent()))).append('\n');
		}
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"viewers-" + streamId + ".csv\"")
			.body(csv.toString());
	}

	private static String cell(Instant at) {
		return cell(at == null ? "" : at.toString());
	}

	private static String cell(String value) {
		return CsvCells.text(value);
	}
}
