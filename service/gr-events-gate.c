/* georepd: the events listener's connections.
 *
 * SoupServer reads and answers the requests (gr-events.c), but has no
 * say in which connections it gets: a GSocketService accepts them here,
 * counts them per peer and in all, and gives SoupServer only those
 * within the limits (soup_server_accept_iostream). The others are
 * closed before a byte is read, so that descriptors and memory stay few
 * and one local user cannot keep glustereventsd out. Each connection is
 * closed after GR_EVENTS_REQUEST_SECONDS, whatever SoupServer is doing:
 * its pending read then fails and it lets go. */
#include "gr-events-gate.h"
#include "gr-events-peer.h"

struct _GrEventsGate {
  SoupServer *server;
  GSocketService *service;
  GPtrArray *open; /* GrGateEntry, closed ones until the next accept */
};

typedef struct {
  GSocketConnection *connection;
  GSocketAddress *remote; /* the object SoupServer reports back */
  char *peer;
  guint timeout_id;
} GrGateEntry;

static void
entry_free (GrGateEntry *entry)
{
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  g_io_stream_close (G_IO_STREAM (entry->connection), NULL, NULL);
  g_object_unref (entry->connection);
  g_clear_object (&entry->remote);
  g_free (entry->peer);
  g_free (entry);
}

static gboolean
on_deadline (gpointer data)
{
  GrGateEntry *entry = data;

  entry->timeout_id = 0;
  g_io_stream_close (G_IO_STREAM (entry->connection), NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Forgets the connections that SoupServer or the deadline closed. */
static void
prune (GrEventsGate *gate)
{
  for (guint i = gate->open->len; i > 0; i--)
    {
      GrGateEntry *entry = g_ptr_array_index (gate->open, i - 1);

      if (g_io_stream_is_closed (G_IO_STREAM (entry->connection)))
        g_ptr_array_remove_index_fast (gate->open, i - 1);
    }
}

static guint
count_peer (GrEventsGate *gate, const char *peer)
{
  guint n = 0;

  for (guint i = 0; i < gate->open->len; i++)
    n += g_str_equal (((GrGateEntry *) g_ptr_array_index (gate->open, i))->peer,
                      peer);
  return n;
}

static GrGateEntry *
entry_new (GSocketConnection *connection, char *peer)
{
  GrGateEntry *entry = g_new0 (GrGateEntry, 1);

  entry->connection = g_object_ref (connection);
  entry->remote = g_socket_connection_get_remote_address (connection, NULL);
  entry->peer = peer;
  entry->timeout_id =
      g_timeout_add_seconds (GR_EVENTS_REQUEST_SECONDS, on_deadline, entry);
  return entry;
}

static void
serve (GrEventsGate *gate, GrGateEntry *entry)
{
  g_autoptr (GSocketAddress) local =
      g_socket_connection_get_local_address (entry->connection, NULL);
  g_autoptr (GError) error = NULL;

  if (local == NULL || entry->remote == NULL ||
      !soup_server_accept_iostream (gate->server,
                                    G_IO_STREAM (entry->connection), local,
                                    entry->remote, &error))
    {
      g_debug ("Not serving an events connection: %s",
               error ? error->message : "no address");
      g_io_stream_close (G_IO_STREAM (entry->connection), NULL, NULL);
    }
}

static gboolean
on_incoming (GSocketService *service,
             GSocketConnection *connection,
             GObject *source,
             gpointer data)
{
  GrEventsGate *gate = data;
  char *peer = gr_events_peer_key (connection);
  GrGateEntry *entry;

  prune (gate);
  if (gate->open->len >= GR_EVENTS_CONNECTIONS_MAX ||
      count_peer (gate, peer) >= GR_EVENTS_PEER_MAX)
    {
      g_debug ("Refusing an events connection of %s: %u open, %u of its own",
               peer, gate->open->len, count_peer (gate, peer));
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      g_free (peer);
      return TRUE;
    }
  entry = entry_new (connection, peer);
  g_ptr_array_add (gate->open, entry);
  serve (gate, entry);
  return TRUE;
}

GrEventsGate *
gr_events_gate_new (SoupServer *server, GSocket *listening, GError **error)
{
  g_autoptr (GrEventsGate) gate = g_new0 (GrEventsGate, 1);

  gate->server = g_object_ref (server);
  gate->service = g_socket_service_new ();
  gate->open = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  if (!g_socket_listener_add_socket (G_SOCKET_LISTENER (gate->service),
                                     listening, NULL, error))
    return NULL;
  g_signal_connect (gate->service, "incoming", G_CALLBACK (on_incoming), gate);
  g_socket_service_start (gate->service);
  return g_steal_pointer (&gate);
}

void
gr_events_gate_free (GrEventsGate *gate)
{
  if (gate->service != NULL)
    {
      g_socket_service_stop (gate->service);
      g_socket_listener_close (G_SOCKET_LISTENER (gate->service));
      g_signal_handlers_disconnect_by_data (gate->service, gate);
      g_object_unref (gate->service);
    }
  g_clear_pointer (&gate->open, g_ptr_array_unref);
  g_clear_object (&gate->server);
  g_free (gate);
}

void
gr_events_gate_cut (GrEventsGate *gate, GSocketAddress *remote)
{
  for (guint i = 0; i < gate->open->len; i++)
    {
      GrGateEntry *entry = g_ptr_array_index (gate->open, i);

      if (entry->remote == remote)
        g_io_stream_close (G_IO_STREAM (entry->connection), NULL, NULL);
    }
}
