/* georepd: the secret URL the webhook listener answers on. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file in the state directory that holds the URL to register with
 * `gluster-eventsapi webhook-add` (mode 0600). */
#define GR_EVENTS_URL_FILE "events-webhook-url"

/* The file in the state directory that holds the token of the
 * webhook's posts (mode 0600): `Authorization: Bearer TOKEN`, or a JWT
 * signed with it (gr-events-auth.h). */
#define GR_EVENTS_TOKEN_FILE "events-token"

/* The secret path ("/<64 hex digits>") kept in @state_dir, created once
 * from the kernel's random source; the URL for @authority ("HOST:PORT",
 * where the listener listens) is (re)written beside it. NULL with @error
 * when it can be neither read nor made. */
char *gr_events_secret_path (const char *state_dir,
                             const char *authority,
                             GError **error);

/* The token kept in @state_dir (64 hex digits), created once from the
 * kernel's random source. NULL with @error when it can be neither read
 * nor made. */
char *gr_events_secret_token (const char *state_dir, GError **error);

/* Whether @path is @secret, in time that does not depend on where they
 * differ. */
gboolean gr_events_secret_matches (const char *secret, const char *path);

G_END_DECLS
