package io.livepulse.sales;

import java.util.Optional;
import java.util.function.ToLongFunction;

import org.springframework.stereotype.Component;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shopping.ProductCard;
import io.livepulse.shopping.ShowcaseService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * What flash sales, auctions and giveaways ask of their stream: the showcase product they sell, who may see one
 * (the stream's visibility: a rehearsal's only its owner and admins, for anyone else the unknown-id 404), who
 * manages it, and that a new one starts only on a stream live under its row lock.
 */
@Component
class SaleStreams {

	private final StreamService streams;
	private final ShowcaseService showcases;

	SaleStreams(StreamService streams, ShowcaseService showcases) {
		this.streams = streams;
		this.showcases = showcases;
	}

	/** The product as the stream's showcase offers it; 422 when it is not there (a sale or auction sells from it). */
	ProductCard showcased(long streamId, long productId) {
		return showcases.showcased(streamId, productId)
			.orElseThrow(() -> ApiProblem.unprocessable("Product %d is not in stream %d's showcase; add it there first."
				.formatted(productId, streamId)));
	}

	/** The thing if the caller may see its stream; otherwise the 404 an unknown id gets. */
	<T> T visible(Optional<T> found, ToLongFunction<T> streamOf, Optional<Caller> caller, String unknown) {
		return found
			.filter(thing -> streams.find(streamOf.applyAsLong(thing)).map(stream -> StreamService.isVisibleTo(stream, caller))
				.orElse(false))
			.orElseThrow(() -> ApiProblem.notFound(unknown));
	}

	/** Whether the caller is the stream's seller or an admin. */
	boolean manages(long streamId, Optional<Caller> caller) {
		return caller.isPresent()
				&& streams.find(streamId).map(stream -> caller.get().mayManageStreamOf(stream.vendorId())).orElse(false);
	}

	/** The stream the caller manages, live now, to start something on ({@code what}: "flash sales", "giveaways"). */
	Stream liveManaged(long streamId, Caller caller, String what) {
		Stream stream = streams.getManaged(streamId, caller);
		if (!stream.isLive()) {
			throw ApiProblem.conflict("Stream %d is %s; %s run on live streams only.".formatted(streamId, stream.status(), what));
		}
		return stream;
	}

	/**
	 * Inside the transaction that starts something: the stream's row locked (so one start at a time per stream, on
	 * any node) and still live.
	 */
	void lockLive(long streamId) {
		if (streams.lockForWrite(streamId).filter(locked -> locked == StreamStatus.LIVE).isEmpty()) {
			throw ApiProblem.conflict("Stream %d is no longer live.".formatted(streamId));
		}
	}
}
