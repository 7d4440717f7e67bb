/* georepd: the a{sv} options every method takes. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One accepted option: its key and GVariant type string. */
typedef struct {
  const char *key;
  const char *type;
} GrOptionSpec;

/* Refuses (InvalidArgument) keys not in @specs (NULL-key terminated, may be
 * NULL) and values of the wrong type. auth.no_user_interaction is always
 * accepted. */
gboolean
gr_options_check (GVariant *options, const GrOptionSpec *specs, GError **error);

gboolean
gr_options_get_boolean (GVariant *options, const char *key, gboolean fallback);

/* Replies to @invocation with @error, which it frees; returns
 * G_DBUS_METHOD_INVOCATION_HANDLED for the handler to return. */
gboolean gr_invocation_refuse (GDBusMethodInvocation *invocation,
                               GError *error);

G_END_DECLS
