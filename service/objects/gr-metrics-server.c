/* georepd: the /metrics server (gr-metrics-server.h). Anyone who can
 * reach the address reads the metrics: they name volumes, hosts and
 * bricks, no secret; MetricsListenAddress is for the admin to choose.
 * The gate caps connections per peer and in all, and their time. */
#include "gr-error.h"
#include "gr-lag.h"
#include "gr-events-gate.h"
#include "gr-metrics-server.h"
#include "gr-metrics.h"
#include "gr-session-object.h"

struct _GrMetricsServer {
  GrContext *context;
  SoupServer *server;
  GrEventsGate *gate;
};

static void
describe (GrRefresher *refresher,
          GrSessionObject *session,
          gint64 now,
          GrMetricsSession *out)
{
  GrSession *iface = GR_SESSION (session);
  GrSessionId *id = gr_session_object_get_id (session);
  GrSessionStatus *status = gr_session_object_get_status (session);
  GrLagSummary sets;

  gr_lag_summarize (status ? status->workers : NULL,
                    gr_refresher_lookup_volume (refresher, id->primary), now,
                    &sets);

  *out = (GrMetricsSession){
    .primary_volume = id->primary,
    .secondary_host = id->host,
    .secondary_volume = id->secondary,
    .secondary_user = id->user,
    .status = gr_session_get_status (iface),
    .workers = status ? status->workers : NULL,
    .lag = gr_session_get_lag (iface),
    .checkpoint_time = gr_session_get_checkpoint_time (iface),
    .checkpoint_completed = gr_session_get_checkpoint_completed (iface),
    .checkpoint_completion_time =
        gr_session_get_checkpoint_completion_time (iface),
    .sets_no_active = sets.sets_no_active,
    .sets_two_active = sets.sets_two_active,
  };
}

GString *
gr_metrics_server_render (GrContext *context)
{
  GrRefresher *refresher = gr_context_get_refresher (context);
  GrGluster *gluster = gr_context_get_gluster (context);
  g_autoptr (GPtrArray) sessions =
      gr_registry_list_sessions (gr_context_get_registry (context));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree GrMetricsSession *described =
      g_new0 (GrMetricsSession, MAX (sessions->len, 1));
  GrMetricsService service = { *gr_gluster_get_stats (gluster),
                               *gr_refresher_get_stats (refresher) };

  for (guint i = 0; i < sessions->len; i++)
    describe (refresher, sessions->pdata[i], now, &described[i]);
  return gr_metrics_render (described, sessions->len, &service, now);
}

static void
on_request (SoupServer *soup,
            SoupServerMessage *msg,
            const char *path,
            GHashTable *query,
            gpointer data)
{
  GrMetricsServer *self = data;
  const char *method = soup_server_message_get_method (msg);
  GString *text;
  gsize len;

  if (!g_str_equal (path, "/metrics"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                                      NULL);
      return;
    }
  text = gr_metrics_server_render (self->context);
  len = text->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, GR_METRICS_CONTENT_TYPE,
                                    SOUP_MEMORY_TAKE,
                                    g_string_free (text, FALSE), len);
}

static GSocketAddress *
parse_address (const char *address, GError **error)
{
  g_autoptr (GSocketConnectable) parsed = NULL;
  g_autoptr (GInetAddress) ip = NULL;
  guint16 port;

  parsed = g_network_address_parse (address, 0, error);
  if (parsed == NULL)
    return NULL;
  port = g_network_address_get_port (G_NETWORK_ADDRESS (parsed));
  ip = g_inet_address_new_from_string (
      g_network_address_get_hostname (G_NETWORK_ADDRESS (parsed)));
  if (ip == NULL || port == 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "MetricsListenAddress must be IP:PORT ([IPv6]:PORT), "
                   "not %s",
                   address);
      return NULL;
    }
  return g_inet_socket_address_new (ip, port);
}

GSocket *
gr_metrics_server_listen (const char *address, GError **error)
{
  g_autoptr (GSocketAddress) where = parse_address (address, error);
  g_autoptr (GSocket) socket = NULL;

  if (where == NULL)
    return NULL;
  socket = g_socket_new (g_socket_address_get_family (where),
                         G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, where, TRUE, error) ||
      !g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

GrMetricsServer *
gr_metrics_server_new (GrContext *context)
{
  const GrConfig *config = gr_context_get_config (context);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket = NULL;
  GrMetricsServer *self;

  if (config->metrics_listen_address == NULL ||
      *config->metrics_listen_address == '\0')
    return NULL;
  self = g_new0 (GrMetricsServer, 1);
  self->context = context;
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  socket = gr_metrics_server_listen (config->metrics_listen_address, &error);
  if (socket != NULL)
    self->gate = gr_events_gate_new (self->server, socket, &error);
  if (self->gate == NULL)
    g_critical ("Not serving /metrics on %s: %s",
                config->metrics_listen_address, error->message);
  else
    g_message ("Serving /metrics on %s", config->metrics_listen_address);
  return self;
}

void
gr_metrics_server_free (GrMetricsServer *self)
{
  g_clear_pointer (&self->gate, gr_events_gate_free);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_free (self);
}
