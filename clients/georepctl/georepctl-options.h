/* georepctl: a session's options as georepctl config shows them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GVariant *
ctl_options_merge (GVariant *effective, GVariant *set, const char *key);

G_END_DECLS
