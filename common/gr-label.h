/* georepd: object path labels. A label is a reversible, stable encoding
 * of an identity into the characters D-Bus allows in a path element. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *gr_label_escape (const char *text);
char *gr_label_unescape (const char *label);

char *
gr_session_label (const char *primary, const char *host, const char *secondary);
gboolean gr_session_label_parse (const char *label,
                                 char **primary,
                                 char **host,
                                 char **secondary);
char *
gr_session_path (const char *primary, const char *host, const char *secondary);

char *gr_destination_label (const char *user, const char *host);
char *gr_destination_path (const char *user, const char *host);

G_END_DECLS
