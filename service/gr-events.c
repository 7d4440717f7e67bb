/* georepd: the webhook listener.
 *
 * glustereventsd POSTs {"nodeid", "ts", "event", "message"} to every
 * registered webhook. A GEOREP_* event is a hint that a session changed
 * somewhere in the cluster, maybe on another node whose status files
 * this one cannot see: the session (or, when the event does not name
 * one, everything) is refreshed from the CLI. The event's content is
 * never trusted further than naming what to re-read.
 *
 * Anyone on this machine can connect, so: only a request to the secret
 * path counts (gr-events-secret.c), few connections are served at once,
 * each briefly and with a bounded request, and the refreshes events ask
 * for are coalesced (gr-events-refresh.c). */
#include <json-glib/json-glib.h>
#include <string.h>

#include "gr-events-http.h"
#include "gr-events-refresh.h"
#include "gr-events-secret.h"
#include "gr-events.h"
#include "gr-text.h"
#include "gr-validate.h"

#define BODY_MAX 65536
#define CONNECTIONS_MAX 16
#define REQUEST_SECONDS 5

struct _GrEvents {
  GSocketService *service;
  char *secret; /* the path glustereventsd posts to */
  GrEventRefresh *refresh;
  guint connections;
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
  g_autofree char *fixed = NULL;
  gsize fixed_len = 0;
  JsonNode *root;
  JsonNode *message;
  const char *name;

  *event = *primary = *host = *secondary = NULL;
  /* Python escapes bytes that are not UTF-8 as lone surrogates. */
  fixed = gr_text_json_fix (body, len, &fixed_len);
  if (!json_parser_load_from_data (parser, fixed, (gssize) fixed_len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  /* Any type may come where a string belongs: member() checks. */
  name = member (json_node_get_object (root), "event", "event");
  if (name == NULL || !g_str_has_prefix (name, "GEOREP_") || strlen (name) > 64)
    return FALSE;
  *event = gr_text_clean (name, 64);
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
  request->events->connections--;
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
act_on (GrEvents *events, const char *body, gsize len)
{
  g_autofree char *event = NULL, *primary = NULL, *host = NULL,
                  *secondary = NULL;

  if (!gr_events_parse (body, len, &event, &primary, &host, &secondary))
    return;
  g_debug ("Event %s for %s::%s::%s", event, primary ? primary : "*",
           host ? host : "*", secondary ? secondary : "*");
  gr_event_refresh_request (events->refresh, primary, host, secondary);
}

/* The answer to a complete request. */
static const char *
answer (GrEvents *events, const GrHttpRequest *http)
{
  /* Not the secret: as if nothing were here. */
  if (!gr_events_secret_matches (events->secret, http->path))
    return "404 Not Found";
  if (strcmp (http->method, "POST") != 0)
    return "405 Method Not Allowed";
  act_on (events, http->body, http->body_len);
  return "200 OK";
}

static void read_more (GrEventRequest *request);

static void
on_read (GObject *source, GAsyncResult *res, gpointer data)
{
  GrEventRequest *request = data;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, NULL);
  GrHttpRequest http;
  const char *status;

  if (chunk == NULL || g_bytes_get_size (chunk) == 0)
    {
      respond (request, "400 Bad Request");
      return;
    }
  g_byte_array_append (request->request, g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));
  switch (gr_http_request_parse ((const char *) request->request->data,
                                 request->request->len, BODY_MAX, &http))
    {
      case GR_HTTP_INCOMPLETE:
        read_more (request);
        return;
      case GR_HTTP_BAD:
        respond (request, "400 Bad Request");
        return;
      case GR_HTTP_TOO_LARGE:
        respond (request, "413 Payload Too Large");
        return;
      case GR_HTTP_COMPLETE:
      default:
        break;
    }
  status = answer (request->events, &http);
  gr_http_request_clear (&http);
  respond (request, status);
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
  GrEvents *events = data;
  GrEventRequest *request;

  /* Over the cap, the connection is closed at once (GSocketService
   * closes what no handler keeps), so that descriptors stay few. */
  if (events->connections >= CONNECTIONS_MAX)
    {
      g_debug ("Refusing an events connection: %u are open",
               events->connections);
      return TRUE;
    }
  request = g_new0 (GrEventRequest, 1);
  events->connections++;
  request->events = events;
  request->connection = g_object_ref (connection);
  request->request = g_byte_array_new ();
  request->timeout_id =
      g_timeout_add_seconds (REQUEST_SECONDS, on_timeout, request);
  read_more (request);
  return TRUE;
}

static gboolean
listen_on_loopback (GrEvents *events, guint port)
{
  g_autoptr (GInetAddress) loopback =
      g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address =
      g_inet_socket_address_new (loopback, (guint16) port);
  g_autoptr (GError) error = NULL;

  /* Loopback only: glustereventsd of this node posts locally. */
  if (!g_socket_listener_add_address (
          G_SOCKET_LISTENER (events->service), address, G_SOCKET_TYPE_STREAM,
          G_SOCKET_PROTOCOL_TCP, NULL, NULL, &error))
    {
      g_warning ("Cannot listen for gluster events on 127.0.0.1:%u: %s", port,
                 error->message);
      return FALSE;
    }
  return TRUE;
}

GrEvents *
gr_events_new (const GrConfig *config, GrRefresher *refresher)
{
  g_autoptr (GError) error = NULL;
  GrEvents *events;

  if (!config->events_listener)
    return NULL;
  events = g_new0 (GrEvents, 1);
  events->service = g_socket_service_new ();
  events->secret = gr_events_secret_path (config->state_directory,
                                          config->events_port, &error);
  if (events->secret == NULL)
    g_warning ("Not listening for gluster events: %s", error->message);
  if (events->secret == NULL ||
      !listen_on_loopback (events, config->events_port))
    {
      gr_events_free (events);
      return NULL;
    }
  events->refresh = gr_event_refresh_new (refresher, config->poll_interval);
  g_signal_connect (events->service, "incoming", G_CALLBACK (on_incoming),
                    events);
  g_socket_service_start (events->service);
  g_message ("Listening for gluster events on 127.0.0.1:%u; register the "
             "webhook with: gluster-eventsapi webhook-add \"$(cat %s/%s)\"",
             config->events_port, config->state_directory, GR_EVENTS_URL_FILE);
  return events;
}

void
gr_events_free (GrEvents *events)
{
  g_socket_service_stop (events->service);
  g_socket_listener_close (G_SOCKET_LISTENER (events->service));
  g_object_unref (events->service);
  g_clear_pointer (&events->refresh, gr_event_refresh_free);
  g_free (events->secret);
  g_free (events);
}
