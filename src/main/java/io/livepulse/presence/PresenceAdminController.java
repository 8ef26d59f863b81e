package io.livepulse.presence;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What admins see of presence that nobody else does. */
@RestController
class PresenceAdminController {

	private final PresenceService presence;

	PresenceAdminController(PresenceService presence) {
		this.presence = presence;
	}

	@GetMapping("/api/admin/presence/uncounted")
	UncountedHeartbeats uncounted() {
		return presence.uncountedHeartbeats();
	}
}
