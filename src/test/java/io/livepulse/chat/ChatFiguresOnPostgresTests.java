package io.livepulse.chat;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class ChatFiguresOnPostgresTests extends ChatFiguresContract {
}
