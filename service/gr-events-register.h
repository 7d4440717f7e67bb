/* georepd: registering georepd's webhook with gluster-eventsapi. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  const char *eventsapi; /* absolute path of gluster-eventsapi */
  guint timeout;         /* seconds each of its runs may take */
  const char *url;
  const char *token;
  gboolean jwt; /* --secret TOKEN (a JWT per post), else --bearer_token */
} GrEventsWebhook;

/* `gluster-eventsapi webhook-add URL --bearer_token TOKEN` (or
 * --secret), replacing a webhook of the same URL, then a reload of this
 * node's glustereventsd (gr-events-reload.h). GlusterFailed with
 * gluster-eventsapi's words when it fails. */
void gr_events_webhook_add_async (const GrEventsWebhook *webhook,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
/* `gluster-eventsapi webhook-del URL` (nothing when it is not
 * registered), then the reload. */
void gr_events_webhook_del_async (const GrEventsWebhook *webhook,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
/* For both; *@reloaded: how many glustereventsd were told to reload. */
gboolean gr_events_webhook_finish (GAsyncResult *result,
                                   guint *reloaded,
                                   GError **error);

G_END_DECLS
