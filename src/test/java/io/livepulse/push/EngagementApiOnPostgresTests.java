package io.livepulse.push;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class EngagementApiOnPostgresTests extends EngagementApiContract {
}
