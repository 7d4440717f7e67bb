/* georepd: the sessions' histories in the state directory
 * (history.json: {"version": 1, "sessions": {LABEL: [[sample…]…]}}),
 * written atomically and durably with mode 0600, like destinations.json
 * (gr-store.c). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GR_HISTORY_STORE_FILE "history.json"

/* The "sessions" object of @path: empty when the file is missing; a
 * file that is not a history file is renamed to PATH.corrupt with a
 * warning, so that the next save does not destroy it. */
JsonObject *gr_history_store_load (const char *path);
gboolean
gr_history_store_save (const char *path, JsonObject *sessions, GError **error);

G_END_DECLS
