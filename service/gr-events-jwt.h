/* georepd: the JSON Web Token glustereventsd sends with a webhook added
 * with `gluster-eventsapi webhook-add URL --secret S`. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A token lives at most this long (glustereventsd makes it valid for
 * 60 s), and is issued at most this long before it is checked (an event
 * may wait in glustereventsd's queue). */
#define GR_EVENTS_JWT_LIFETIME_MAX 300
#define GR_EVENTS_JWT_AGE_MAX 300
/* Clocks of two nodes may differ by this much. */
#define GR_EVENTS_JWT_SKEW 60

/* Whether @token ("HEADER.CLAIMS.SIGNATURE", base64url) is one that
 * gluster signs with @secret: algorithm exactly HS256, signature right,
 * "exp" after @now and not too far ahead, "iat" neither in the future
 * nor too old (Unix seconds). With FALSE, @error says what is wrong
 * (for the debug log: never the token itself). */
gboolean gr_events_jwt_verify (const char *token,
                               const char *secret,
                               gint64 now,
                               GError **error);

G_END_DECLS
