/* georepd: the webhook listener.
 *
 * glustereventsd POSTs every gluster event to every registered webhook.
 * A GEOREP_* event is a hint that a session changed somewhere in the
 * cluster, maybe on another node whose status files this one cannot
 * see: the session (or, when the event does not name one, everything)
 * is refreshed from the CLI (gr-events-refresh.c).
 *
 * Anyone on this machine (and, with EventsListenAddress, on the network)
 * can connect, so: only a request to the secret path that carries the
 * token (gr-events-secret.c, gr-events-auth.c) counts; few connections are
 * served at once, few per peer, each briefly (gr-events-gate.c); SoupServer
 * reads the requests, and one over its limits is cut off when its head is read.
 * Anyone can also take the port first: then this says so, as an error
 * with its MESSAGE_ID and in Manager.EventsListenerError, and tries
 * again at each refresh (georepd.socket avoids the race altogether). */
#include <string.h>
#include <systemd/sd-daemon.h>

#include "gr-events-auth.h"
#include "gr-events-gate.h"
#include "gr-events-parse.h"
#include "gr-events-register.h"
#include "gr-events-reload.h"
#include "gr-events-refresh.h"
#include "gr-events-secret.h"
#include "gr-events-socket.h"
#include "gr-events.h"
#include "gr-error.h"
#include "gr-log.h"

#define HEAD_MAX 8192
#define BODY_MAX 65536

struct _GrEvents {
  GObject parent_instance;
  char *state_dir;
  char *address; /* EventsListenAddress */
  guint port;
  gboolean wanted; /* EventsListener, or a socket from systemd */
  SoupServer *server;
  GrEventsGate *gate; /* NULL while not listening */
  char *secret;       /* the path glustereventsd posts to */
  char *token;        /* what its posts carry (gr-events-auth.h) */
  char *authority;    /* "HOST:PORT" where it listens */
  GrRefresher *refresher;
  GrEventRefresh *refresh;
  char *error;
  char *eventsapi; /* gluster-eventsapi */
  guint command_timeout;
  GrEventsReload *reload; /* NULL unless wanted */
};

enum { PROP_0, PROP_ERROR, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { SIGNAL_WORKER_EVENT, SIGNAL_WORKER_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GrEvents, gr_events, G_TYPE_OBJECT)

static void
set_error (GrEvents *self, const char *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  /* Once per new cause, not at each refresh that tries again. */
  if (*message != '\0')
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "MESSAGE_ID",
                      GR_MESSAGE_EVENTS_LISTEN_FAILED, "MESSAGE",
                      "Not listening for gluster events: %s", message);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR]);
}

/* --- one request --- */

static void
act_on (GrEvents *self, SoupServerMessage *msg)
{
  g_autoptr (GBytes) body =
      soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *event = NULL, *primary = NULL, *host = NULL,
                  *secondary = NULL;
  g_auto (GrEventWorker) worker = { 0 };
  gboolean changed = FALSE;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (!gr_events_parse (data, len, &event, &primary, &host, &secondary,
                        &worker))
    return;
  g_debug ("Event %s for %s::%s::%s", event, primary ? primary : "*",
           host ? host : "*", secondary ? secondary : "*");
  /* The worker's new state now (objects/gr-events-apply.c handles
   * worker-event); the refresh confirms it. */
  if (primary != NULL)
    g_signal_emit (self, signals[SIGNAL_WORKER_EVENT], 0, event, primary, host,
                   secondary, &worker, &changed);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_WORKER_CHANGED], 0);
  gr_event_refresh_request (self->refresh, primary, host, secondary);
}

/* The token, or a JWT signed with it: else 401, and nothing is read. */
static gboolean
authenticated (GrEvents *self, SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr (GError) error = NULL;

  if (gr_events_auth_check (
          soup_message_headers_get_one (headers, "Authorization"), self->token,
          g_get_real_time () / G_USEC_PER_SEC, &error))
    return TRUE;
  g_debug ("Refusing an event: %s", error->message);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", "Bearer");
  soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
  return FALSE;
}

static void
on_request (SoupServer *server,
            SoupServerMessage *msg,
            const char *path,
            GHashTable *query,
            gpointer data)
{
  GrEvents *self = data;
  GUri *uri = soup_server_message_get_uri (msg);

  /* Not the secret: as if nothing were here. */
  if (g_uri_get_query (uri) != NULL ||
      !gr_events_secret_matches (self->secret, g_uri_get_path (uri)))
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  else if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
  else if (authenticated (self, msg))
    {
      act_on (self, msg);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
}

static void
add_header_size (const char *name, const char *value, gpointer data)
{
  /* "Name: value\r\n" */
  *(gsize *) data += strlen (name) + strlen (value) + 4;
}

/* Whether the request may be read on: a head of at most HEAD_MAX, a body
 * of at most BODY_MAX with its length told first (no chunks). */
static gboolean
within_limits (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  /* "METHOD PATH[?QUERY] HTTP/1.1\r\n", the headers, "\r\n". */
  gsize head = strlen (soup_server_message_get_method (msg)) +
               strlen (g_uri_get_path (uri)) +
               (query ? strlen (query) + 1 : 0) + sizeof " HTTP/1.1\r\n\r\n";

  soup_message_headers_foreach (headers, add_header_size, &head);
  return head <= HEAD_MAX &&
         soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CHUNKED &&
         soup_message_headers_get_content_length (headers) <= BODY_MAX;
}

static void
on_got_headers (SoupServerMessage *msg, gpointer data)
{
  GrEvents *self = data;

  if (within_limits (msg))
    return;
  g_debug ("Cutting off an events request over its limits");
  gr_events_gate_cut (self->gate, soup_server_message_get_remote_address (msg));
}

static void
on_request_started (SoupServer *server, SoupServerMessage *msg, gpointer data)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers),
                           data, 0);
}

/* --- listening --- */

static gboolean
start_listening (GrEvents *self, GError **error)
{
  g_autoptr (GSocket) socket =
      gr_events_socket_open (self->address, self->port, error);

  if (socket == NULL)
    return FALSE;
  g_clear_pointer (&self->authority, g_free);
  self->authority = gr_events_socket_authority (socket);
  g_clear_pointer (&self->secret, g_free);
  self->secret =
      gr_events_secret_path (self->state_dir, self->authority, error);
  if (self->secret == NULL)
    return FALSE;
  g_clear_pointer (&self->token, g_free);
  self->token = gr_events_secret_token (self->state_dir, error);
  if (self->token == NULL)
    return FALSE;
  self->gate = gr_events_gate_new (self->server, socket, error);
  if (self->gate == NULL)
    return FALSE;
  g_message ("Listening for gluster events on %s; register the webhook "
             "with: georepctl events register",
             self->authority);
  return TRUE;
}

void
gr_events_listen_again (GrEvents *self)
{
  g_autoptr (GError) error = NULL;

  if (!self->wanted || self->gate != NULL)
    return;
  if (start_listening (self, &error))
    set_error (self, "");
  else
    set_error (self, error->message);
}

void
gr_events_add_handler (GrEvents *self,
                       const char *path,
                       SoupServerCallback callback,
                       gpointer user_data)
{
  soup_server_add_handler (self->server, path, callback, user_data, NULL);
}

gboolean
gr_events_get_webhook (GrEvents *self,
                       const char *host,
                       char **url,
                       char **token,
                       GError **error)
{
  g_autofree char *authority = NULL;

  if (self->gate == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_STATE,
                   "georepd does not listen for gluster events%s%s (set "
                   "EventsListener=true in georepd.conf)",
                   *self->error ? ": " : "", self->error);
      return FALSE;
    }
  if (host == NULL && (g_str_has_prefix (self->authority, "0.0.0.0:") ||
                       g_str_has_prefix (self->authority, "[::]:")))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "georepd listens on every address (%s): say which one "
                   "the other nodes reach (option address)",
                   self->authority);
      return FALSE;
    }
  /* The port as listened on; the host as the peers reach it. */
  authority =
      host == NULL ? g_strdup (self->authority)
      : strchr (host, ':')
          ? g_strdup_printf ("[%s]:%s", host,
                             strrchr (self->authority, ':') + 1)
          : g_strdup_printf ("%s:%s", host, strrchr (self->authority, ':') + 1);
  *url = g_strdup_printf ("http://%s%s", authority, self->secret);
  *token = g_strdup (self->token);
  return TRUE;
}

void
gr_events_register_async (GrEvents *self,
                          const char *host,
                          gboolean jwt,
                          gboolean unregister,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autofree char *url = NULL, *token = NULL;
  GError *error = NULL;
  GrEventsWebhook webhook = { self->eventsapi, self->command_timeout };

  if (!gr_events_get_webhook (self, host, &url, &token, &error))
    {
      g_task_report_error (self, callback, user_data, gr_events_register_async,
                           error);
      return;
    }
  webhook.url = url;
  webhook.token = token;
  webhook.jwt = jwt;
  if (unregister)
    gr_events_webhook_del_async (&webhook, callback, user_data);
  else
    gr_events_webhook_add_async (&webhook, callback, user_data);
}

gboolean
gr_events_register_finish (GrEvents *self,
                           GAsyncResult *result,
                           guint *reloaded,
                           GError **error)
{
  return gr_events_webhook_finish (result, reloaded, error);
}

const char *
gr_events_get_error (GrEvents *self)
{
  return self->error;
}

GrEvents *
gr_events_new (const GrConfig *config, GrRefresher *refresher)
{
  GrEvents *self = g_object_new (GR_TYPE_EVENTS, NULL);

  self->state_dir = g_strdup (config->state_directory);
  self->address = g_strdup (config->events_listen_address);
  self->port = config->events_port;
  self->wanted = config->events_listener || sd_listen_fds (FALSE) > 0;
  self->refresher = refresher;
  self->refresh = gr_event_refresh_new (refresher, config->poll_interval);
  self->eventsapi = g_strdup (config->eventsapi_command);
  self->command_timeout = config->command_timeout;
  if (self->wanted)
    self->reload = gr_events_reload_new (config->glusterd_dir);
  gr_events_listen_again (self);
  return self;
}

static void
gr_events_init (GrEvents *self)
{
  self->error = g_strdup ("");
  /* Paths exactly as sent: the secret is compared with what came. */
  self->server = soup_server_new ("raw-paths", TRUE, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  g_signal_connect (self->server, "request-started",
                    G_CALLBACK (on_request_started), self);
}

static void
gr_events_finalize (GObject *object)
{
  GrEvents *self = GR_EVENTS (object);

  g_clear_pointer (&self->gate, gr_events_gate_free);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->refresh, gr_event_refresh_free);
  g_free (self->secret);
  g_free (self->token);
  g_free (self->authority);
  g_free (self->address);
  g_free (self->eventsapi);
  g_clear_pointer (&self->reload, gr_events_reload_free);
  g_free (self->state_dir);
  g_free (self->error);
  G_OBJECT_CLASS (gr_events_parent_class)->finalize (object);
}

static void
gr_events_get_property (GObject *object,
                        guint id,
                        GValue *value,
                        GParamSpec *pspec)
{
  GrEvents *self = GR_EVENTS (object);

  if (id == PROP_ERROR)
    g_value_set_string (value, self->error);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
gr_events_class_init (GrEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_events_finalize;
  object_class->get_property = gr_events_get_property;
  props[PROP_ERROR] = g_param_spec_string (
      "error", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  /* An event changed a worker of another node (Faulty, or running
   * again): its reason there may change on the shared storage soon
   * (gr-reasons-shared.h). */
  /* An event about a worker (event, primary, host, secondary, the
   * GrEventWorker *): whoever keeps the sessions applies it at once and
   * returns TRUE when a worker changed. */
  signals[SIGNAL_WORKER_EVENT] =
      g_signal_new ("worker-event", G_TYPE_FROM_CLASS (klass),
                    G_SIGNAL_RUN_LAST, 0, g_signal_accumulator_true_handled,
                    NULL, NULL, G_TYPE_BOOLEAN, 5, G_TYPE_STRING, G_TYPE_STRING,
                    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_POINTER);
  signals[SIGNAL_WORKER_CHANGED] =
      g_signal_new ("worker-changed", G_TYPE_FROM_CLASS (klass),
                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}
