package io.livepulse.media;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class MediaHookRacesOnPostgresTests extends MediaHookRacesContract {
}
