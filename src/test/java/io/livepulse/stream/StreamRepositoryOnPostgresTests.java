package io.livepulse.stream;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class StreamRepositoryOnPostgresTests extends StreamRepositoryConstraintContract {
}
