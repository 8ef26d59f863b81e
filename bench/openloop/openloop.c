/*
 * Open-loop HTTP GET load at a fixed rate, for p99 at a given load (a small stand-in for wrk2,
 * which Debian does not package). Request i is due at start + i / rate whatever happened before;
 * its latency is counted from that due time, not from when a connection was free to send it, so a
 * server that stalls is charged for the requests that queued behind the stall (no coordinated
 * omission). Keep-alive connections, one request in flight per connection, responses framed by
 * Content-Length. Loopback only: the host must be 127.0.0.1.
 *
 * usage: openloop PORT PATH RATE SECONDS CONNECTIONS
 * prints: key=value lines (due, completed, errors, unanswered, reconnects, achievedPerSecond, p50Ms,
 * p99Ms, p999Ms, maxMs)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUFFER 16384

typedef struct {
	int fd;
	int busy;
	int64_t due_ns;
	size_t have;
	char buffer[BUFFER];
} connection;

static int64_t now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
	int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
	return (x > y) - (x < y);
}

static double percentile_ms(int64_t *sorted, long n, double p) {
	if (n == 0) return -1;
	long rank = (long) (p / 100.0 * n + 0.999999) - 1;
	if (rank < 0) rank = 0;
	if (rank >= n) rank = n - 1;
	return sorted[rank] / 1e6;
}

static int open_connection(int port, int epoll, connection *c) {
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port) };
	inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
	if (connect(fd, (struct sockaddr *) &address, sizeof address) != 0) {
		perror("connect");
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	c->fd = fd;
	c->busy = 0;
	c->have = 0;
	struct epoll_event event = { .events = EPOLLIN, .data.ptr = c };
	epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
	return 0;
}

/* Length of one complete response at the start of the buffer, 0 if more bytes are needed, -1 if unusable. */
static long complete_response(const char *buffer, size_t have) {
	const char *end = memmem(buffer, have, "\r\n\r\n", 4);
	if (end == NULL) return have >= BUFFER ? -1 : 0;
	size_t head = (size_t) (end - buffer) + 4;
	const char *length = memmem(buffer, head, "Content-Length:", 15);
	if (length == NULL) length = memmem(buffer, head, "content-length:", 15);
	if (length == NULL) return -1;
	long body = strtol(length + 15, NULL, 10);
	return head + body <= have ? (long) (head + body) : 0;
}

int main(int argc, char **argv) {
	if (argc != 6) {
		fprintf(stderr, "usage: openloop PORT PATH RATE SECONDS CONNECTIONS\n");
		return 2;
	}
	int port = atoi(argv[1]);
	const char *path = argv[2];
	double rate = atof(argv[3]);
	int seconds = atoi(argv[4]);
	int count = atoi(argv[5]);
	if (rate <= 0 || seconds <= 0 || seconds > 120 || count <= 0 || count > 4096) {
		fprintf(stderr, "rate > 0, 0 < seconds <= 120, 0 < connections <= 4096\n");
		return 2;
	}
	char request[1024];
	int request_length = snprintf(request, sizeof request,
			"GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: application/json\r\n\r\n", path, port);

	signal(SIGPIPE, SIG_IGN);
	int epoll = epoll_create1(0);
	connection *connections = calloc(count, sizeof(connection));
	for (int i = 0; i < count; i++) {
		if (open_connection(port, epoll, &connections[i]) != 0) return 1;
	}
	long total = (long) (rate * seconds);
	int64_t *latencies = malloc(sizeof(int64_t) * total);
	int64_t *waiting = malloc(sizeof(int64_t) * total); /* due times not yet sent, FIFO */
	long next = 0, waiting_head = 0, waiting_tail = 0, completed = 0, errors = 0, reconnects = 0;
	int64_t interval = (int64_t) (1e9 / rate);
	int64_t start = now_ns();
	int64_t stop = start + (int64_t) seconds * 1000000000LL + 5000000000LL; /* 5 s to drain */
	struct epoll_event events[256];

	while (completed + errors < total && now_ns() < stop) {
		int64_t now = now_ns();
		while (next < total && start + next * interval <= now) {
			waiting[waiting_tail++] = start + next * interval;
			next++;
		}
		for (int i = 0; i < count && waiting_head < waiting_tail; i++) {
			connection *c = &connections[i];
			if (c->busy) continue;
			if (write(c->fd, request, request_length) != request_length) {
				errors++;
				waiting_head++;
				continue;
			}
			c->busy = 1;
			c->due_ns = waiting[waiting_head++];
		}
		int64_t until_next = next < total ? start + next * interval - now_ns() : 1000000;
		/* millisecond timer, as wrk2's: requests due within the same millisecond go out together
		   instead of the generator spinning on a core the service needs */
		int timeout_ms = until_next <= 0 ? 0 : (int) ((until_next + 999999) / 1000000);
		int ready = epoll_wait(epoll, events, 256, timeout_ms);
		for (int e = 0; e < ready; e++) {
			connection *c = events[e].data.ptr;
			ssize_t got = read(c->fd, c->buffer + c->have, BUFFER - c->have);
			if (got <= 0) {
				if (got < 0 && errno == EAGAIN) continue;
				/* the server ends keep-alive after so many requests (Tomcat 100, nginx 1000): reconnect */
				epoll_ctl(epoll, EPOLL_CTL_DEL, c->fd, NULL);
				close(c->fd);
				if (c->busy) errors++;
				reconnects++;
				if (open_connection(port, epoll, c) != 0) return 1;
				continue;
			}
			c->have += (size_t) got;
			long length = complete_response(c->buffer, c->have);
			if (length < 0) {
				fprintf(stderr, "response without Content-Length or too large\n");
				return 1;
			}
			if (length > 0 && c->busy) {
				if (strncmp(c->buffer, "HTTP/1.1 200", 12) == 0) {
					latencies[completed++] = now_ns() - c->due_ns;
				}
				else {
					errors++;
				}
				int closing = memmem(c->buffer, (size_t) length, "Connection: close", 17) != NULL
						|| memmem(c->buffer, (size_t) length, "connection: close", 17) != NULL;
				memmove(c->buffer, c->buffer + length, c->have - (size_t) length);
				c->have -= (size_t) length;
				c->busy = 0;
				if (closing) { /* the server's keep-alive limit: never send on a closing connection */
					epoll_ctl(epoll, EPOLL_CTL_DEL, c->fd, NULL);
					close(c->fd);
					reconnects++;
					if (open_connection(port, epoll, c) != 0) return 1;
				}
			}
		}
	}
	double elapsed = (now_ns() - start) / 1e9;
	qsort(latencies, completed, sizeof(int64_t), compare);
	printf("due=%ld\ncompleted=%ld\nerrors=%ld\nunanswered=%ld\n", total, completed, errors, total - completed - errors);
	printf("reconnects=%ld\n", reconnects);
	printf("achievedPerSecond=%.0f\n", completed / (elapsed < seconds ? elapsed : seconds));
	printf("p50Ms=%.3f\np99Ms=%.3f\np999Ms=%.3f\nmaxMs=%.3f\n", percentile_ms(latencies, completed, 50),
			percentile_ms(latencies, completed, 99), percentile_ms(latencies, completed, 99.9),
			percentile_ms(latencies, completed, 100));
	return 0;
}
