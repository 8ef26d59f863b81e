package io.livepulse.chat;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class ChatAdminOnPostgresTests extends ChatAdminContract {
}
