package io.livepulse.push;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;


/** The home page's list: public live streams with their public engagement, in one request. */
@RestController
class LiveNowController {

	private final LiveNow liveNow;

	LiveNowController(LiveNow liveNow) {
		this.liveNow = liveNow;
	}

	@GetMapping("/api/live-now")
	List<LiveNowEntry> liveNow() {
		return liveNow.list();
	}
}
