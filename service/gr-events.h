/* georepd: gluster's event webhooks (glustereventsd). */
#pragma once

#include <libsoup/soup.h>

#include "gr-refresh.h"

G_BEGIN_DECLS

#define GR_TYPE_EVENTS (gr_events_get_type ())
G_DECLARE_FINAL_TYPE (GrEvents, gr_events, GR, EVENTS, GObject)

/* Listens on the socket systemd passed, else on 127.0.0.1:EventsPort
 * when EventsListener is set (gr-events-socket.h). When it cannot, the
 * property "error" says why (and the journal, with its MESSAGE_ID). */
GrEvents *gr_events_new (const GrConfig *config, GrRefresher *refresher);

/* Tries to listen again when it could not: after whoever held the port
 * let it go, the next refresh brings the listener up. */
void gr_events_listen_again (GrEvents *events);

/* Serves @path (see soup_server_add_handler) on the same server, behind
 * the same connection limits: e.g. /metrics. The events handler answers
 * every other path. */
void gr_events_add_handler (GrEvents *events,
                            const char *path,
                            SoupServerCallback callback,
                            gpointer user_data);

/* The URL to register with gluster-eventsapi, for @host (NULL: the
 * address it listens on) and the token its posts must carry.
 * InvalidState when it does not listen. */
gboolean gr_events_get_webhook (GrEvents *events,
                                const char *host,
                                char **url,
                                char **token,
                                GError **error);

/* Registers the webhook for @host (NULL: the address it listens on)
 * with gluster-eventsapi, its posts authenticated with the token as a
 * bearer token or, with @jwt, as gluster's JWT secret; or with
 * @unregister removes it. Then reloads this node's glustereventsd
 * (gr-events-register.h). InvalidState when it does not listen. */
void gr_events_register_async (GrEvents *events,
                               const char *host,
                               gboolean jwt,
                               gboolean unregister,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
/* *@reloaded: how many glustereventsd of this node were reloaded. */
gboolean gr_events_register_finish (GrEvents *events,
                                    GAsyncResult *result,
                                    guint *reloaded,
                                    GError **error);

/* Why it does not listen although it should; "" when it listens or was
 * not asked to. */
const char *gr_events_get_error (GrEvents *events);

G_END_DECLS
