package io.livepulse.media;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class MediaHookRacesOnH2Tests extends MediaHookRacesContract {
}
