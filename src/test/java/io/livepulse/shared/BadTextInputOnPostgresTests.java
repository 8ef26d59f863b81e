package io.livepulse.shared;

import io.livepulse.support.LivePulsePostgresTest;

/** The text and date part of the bad-input suite on a real PostgreSQL, where a NUL used to become a 500. */
@LivePulsePostgresTest
class BadTextInputOnPostgresTests extends BadInputContract {
}
