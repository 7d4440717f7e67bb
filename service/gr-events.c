/* georepd: the webhook listener.
 *
 * glustereventsd POSTs {"nodeid", "ts", "event", "message"} to every
 * registered webhook. A GEOREP_* event is a hint that a session changed
 * somewhere in the cluster, maybe on another node whose status files
 * this one cannot see: the session (or, when the event does not name
 * one, everything) is refreshed from the CLI. The event's content is
 * never trusted further than naming what to re-read. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "gr-events.h"
#include "gr-refresh.h"
#include "gr-validate.h"

#define REQUEST_MAX 65536

struct _GrEvents {
  GrRefresher *refresher;
  GSocketService *service;
};

static const char *
member (JsonObject *message, const char *name, const char *old_name)
{
  JsonNode *node = json_object_get_member (message, name);

  if (node == NULL)
    node = json_object_get_member (message, old_name);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* "host::volume", as in the secondary of GEOREP_CREATE and friends. */
static void
split_secondary (const char *url, char **host, char **secondary)
{
  const char *sep = url ? g_strrstr (url, "::") : NULL;
  const char *at;

  if (sep == NULL)
    return;
  at = memchr (url, '@', sep - url);
  *host = g_strndup (at ? at + 1 : url, sep - (at ? at + 1 : url));
  *secondary = g_strdup (sep + 2);
}

static void
session_of (JsonObject *message, char **primary, char **host, char **secondary)
{
  const char *volume = member (message, "primary_volume", "master_volume");

  if (volume != NULL)
    {
      *primary = g_strdup (volume);
      *host = g_strdup (member (message, "secondary_host", "slave_host"));
      *secondary =
          g_strdup (member (message, "secondary_volume", "slave_volume"));
    }
  else
    {
      *primary = g_strdup (member (message, "primary", "master"));
      split_secondary (member (message, "secondary", "slave"), host, secondary);
    }
  /* Only names that could be ours name a session; anything else means
   * "refresh everything". */
  if (!gr_validate_volume (*primary, NULL) || !gr_validate_host (*host, NULL) ||
      !gr_validate_volume (*secondary, NULL))
    {
      g_clear_pointer (primary, g_free);
      g_clear_pointer (host, g_free);
      g_clear_pointer (secondary, g_free);
    }
}

gboolean
gr_events_parse (const char *body,
                 gsize len,
                 char **event,
                 char **primary,
                 char **host,
                 char **secondary)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *message;
  const char *name;

  *event = *primary = *host = *secondary = NULL;
  if (!json_parser_load_from_data (parser, body, (gssize) len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  name = json_object_get_string_member_with_default (
      json_node_get_object (root), "event", "");
  if (!g_str_has_prefix (name, "GEOREP_"))
    return FALSE;
  *event = g_strdup (name);
  message = json_object_get_member (json_node_get_object (root), "message");
  if (message != NULL && JSON_NODE_HOLDS_OBJECT (message))
    session_of (json_node_get_object (message), primary, host, secondary);
  return TRUE;
}

/* --- HTTP --- */

typedef struct {
  GrEvents *events;
  GSocketConnection *connection;
  GByteArray *request;
  guint timeout_id;
} GrEventRequest;

static void
request_free (GrEventRequest *request)
{
  g_clear_handle_id (&request->timeout_id, g_source_remove);
  g_io_stream_close (G_IO_STREAM (request->connection), NULL, NULL);
  g_object_unref (request->connection);
  g_byte_array_unref (request->request);
  g_free (request);
}

static void
respond (GrEventRequest *request, const char *status)
{
  g_autofree char *text = g_strdup_printf (
      "HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", status);
  GOutputStream *out =
      g_io_stream_get_output_stream (G_IO_STREAM (request->connection));

  /* A few bytes to a local socket: written at once. */
  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
  request_free (request);
}

static void
on_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (res)) == gr_refresher_refresh_async)
    gr_refresher_refresh_finish (data, res, &error);
  else
    gr_refresher_refresh_session_finish (data, res, &error);
  if (error != NULL)
    g_debug ("Refresh after an event failed: %s", error->message);
}

static void
act_on (GrEvents *events, const char *body, gsize len)
{
  g_autofree char *event = NULL, *primary = NULL, *host = NULL,
                  *secondary = NULL;
  GrRefresher *refresher = events->refresher;

  if (!gr_events_parse (body, len, &event, &primary, &host, &secondary))
    return;
  g_debug ("Event %s for %s::%s::%s", event, primary ? primary : "*",
           host ? host : "*", secondary ? secondary : "*");
  if (primary != NULL)
    gr_refresher_refresh_session_async (refresher, primary, NULL, host,
                                        secondary, on_refreshed, refresher);
  else
    gr_refresher_refresh_async (refresher, on_refreshed, refresher);
}

/* The body, once the headers and Content-Length bytes have arrived. */
static const char *
complete_body (GByteArray *request, gsize *len)
{
  const char *data = (const char *) request->data;
  const char *end = g_strstr_len (data, request->len, "\r\n\r\n");
  const char *length;
  gsize body_len;

  if (end == NULL)
    return NULL;
  length = g_strstr_len (data, end - data, "Content-Length:");
  if (length == NULL)
    length = g_strstr_len (data, end - data, "content-length:");
  body_len =
      length ? g_ascii_strtoull (length + strlen ("Content-Length:"), NULL, 10)
             : 0;
  if (request->len - (gsize) (end + 4 - data) < body_len)
    return NULL;
  *len = body_len;
  return end + 4;
}

static void read_more (GrEventRequest *request);

static void
on_read (GObject *source, GAsyncResult *res, gpointer data)
{
  GrEventRequest *request = data;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, NULL);
  const char *body;
  gsize len = 0;

  if (chunk == NULL || g_bytes_get_size (chunk) == 0)
    {
      respond (request, "400 Bad Request");
      return;
    }
  g_byte_array_append (request->request, g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));
  if (request->request->len > REQUEST_MAX)
    {
      respond (request, "413 Payload Too Large");
      return;
    }
  if ((body = complete_body (request->request, &len)) == NULL)
    {
      read_more (request);
      return;
    }
  if (!g_str_has_prefix ((const char *) request->request->data, "POST "))
    {
      respond (request, "405 Method Not Allowed");
      return;
    }
  act_on (request->events, body, len);
  respond (request, "200 OK");
}

static void
read_more (GrEventRequest *request)
{
  GInputStream *in =
      g_io_stream_get_input_stream (G_IO_STREAM (request->connection));

  g_input_stream_read_bytes_async (in, 8192, G_PRIORITY_DEFAULT, NULL, on_read,
                                   request);
}

static gboolean
on_timeout (gpointer data)
{
  GrEventRequest *request = data;

  /* Closing makes the pending read fail, which answers and frees. */
  request->timeout_id = 0;
  g_io_stream_close (G_IO_STREAM (request->connection), NULL, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming (GSocketService *service,
             GSocketConnection *connection,
             GObject *source,
             gpointer data)
{
  GrEventRequest *request = g_new0 (GrEventRequest, 1);

  request->events = data;
  request->connection = g_object_ref (connection);
  request->request = g_byte_array_new ();
  request->timeout_id = g_timeout_add_seconds (5, on_timeout, request);
  read_more (request);
  return TRUE;
}

GrEvents *
gr_events_new (const GrConfig *config, GrRefresher *refresher)
{
  g_autoptr (GInetAddress) loopback =
      g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address =
      g_inet_socket_address_new (loopback, config->events_port);
  g_autoptr (GError) error = NULL;
  GrEvents *events;

  if (!config->events_listener)
    return NULL;
  events = g_new0 (GrEvents, 1);
  events->refresher = refresher;
  events->service = g_socket_service_new ();
  /* Loopback only: glustereventsd of this node posts locally, and no one
   * else should be able to make this service run the CLI. */
  if (!g_socket_listener_add_address (
          G_SOCKET_LISTENER (events->service), address, G_SOCKET_TYPE_STREAM,
          G_SOCKET_PROTOCOL_TCP, NULL, NULL, &error))
    {
      g_warning ("Cannot listen for gluster events on 127.0.0.1:%u: %s",
                 config->events_port, error->message);
      gr_events_free (events);
      return NULL;
    }
  g_signal_connect (events->service, "incoming", G_CALLBACK (on_incoming),
                    events);
  g_socket_service_start (events->service);
  g_message ("Listening for gluster events on 127.0.0.1:%u",
             config->events_port);
  return events;
}

void
gr_events_free (GrEvents *events)
{
  g_socket_service_stop (events->service);
  g_socket_listener_close (G_SOCKET_LISTENER (events->service));
  g_object_unref (events->service);
  g_free (events);
}
