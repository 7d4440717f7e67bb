/* georepd: whether a post to the events webhook comes from a
 * glustereventsd that was given georepd's token. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @authorization (the request's Authorization header, NULL when
 * it has none) carries @token: "Bearer TOKEN" (webhook-add
 * --bearer_token TOKEN), or "Bearer JWT" where the JWT is signed with
 * TOKEN as gluster's secret (webhook-add --secret TOKEN;
 * gr-events-jwt.h), checked against @now (Unix seconds). With FALSE,
 * @error says why, without the header's value. */
gboolean gr_events_auth_check (const char *authorization,
                               const char *token,
                               gint64 now,
                               GError **error);

G_END_DECLS
