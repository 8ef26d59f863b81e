package io.livepulse.chat;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class ChatApiOnPostgresTests extends ChatApiContract {
}
