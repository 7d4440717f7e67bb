/* georepd: the door of the events listener: which connections reach
 * the HTTP server, and for how long. */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* At most this many connections are served at once, at most
 * GR_EVENTS_PEER_MAX of them for one peer (gr-events-peer.h), and each
 * for GR_EVENTS_REQUEST_SECONDS. */
#define GR_EVENTS_CONNECTIONS_MAX 16
#define GR_EVENTS_PEER_MAX 4
#define GR_EVENTS_REQUEST_SECONDS 5

typedef struct _GrEventsGate GrEventsGate;

/* Accepts the connections of @listening (a listening socket, taken over)
 * and hands each to @server, or closes it at once when its peer or
 * everyone is at the limit. */
GrEventsGate *
gr_events_gate_new (SoupServer *server, GSocket *listening, GError **error);
void gr_events_gate_free (GrEventsGate *gate);

/* Closes the connection that @server reports as coming from @remote
 * (soup_server_message_get_remote_address), without an answer. */
void gr_events_gate_cut (GrEventsGate *gate, GSocketAddress *remote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrEventsGate, gr_events_gate_free)

G_END_DECLS
