package io.livepulse.shopping;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class ProductsApiOnPostgresTests extends ProductsApiContract {
}
