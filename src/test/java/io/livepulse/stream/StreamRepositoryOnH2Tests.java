package io.livepulse.stream;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class StreamRepositoryOnH2Tests extends StreamRepositoryConstraintContract {
}
