/* georepctl: how the output is shaped, as the options --json=, --legend=
 * and --output= spell it; plain functions of their arguments, so that
 * tests/test-ctl-format.c checks them without a service. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CTL_JSON_OFF,
  CTL_JSON_SHORT,  /* one line */
  CTL_JSON_PRETTY, /* indented */
} CtlJsonMode;

/* --json=MODE: "short", "pretty" or "off"; NULL (a plain --json, or -j)
 * is pretty on a terminal and short otherwise, as systemd's -j. */
gboolean ctl_json_mode_parse (const char *text,
                              gboolean on_terminal,
                              CtlJsonMode *mode,
                              GError **error);

/* --legend=BOOL: yes/no, true/false, on/off, 1/0. */
gboolean ctl_boolean_parse (const char *text, gboolean *value, GError **error);

/* A column's name as --output= takes it: a header in lower case, words
 * joined by '-' ("LAST SYNCED" → "last-synced"). */
char *ctl_column_name (const char *header);

/* --output=COLUMNS: comma-separated names of @headers (any case, '-',
 * '_' or ' ' between words), in the order wanted; the indices into
 * @headers, as guint. An unknown or repeated name is an error that lists
 * the names. */
GArray *ctl_columns_parse (const char *spec,
                           guint n_headers,
                           const char *const *headers,
                           GError **error);

/* A lag or a wait in seconds, short: "0s", "42s", "5m03s", "2h05m",
 * "3d04h"; "-" for a negative one (Session.Lag's unknown). */
char *ctl_format_duration (gint64 seconds);

/* The names of @headers, comma-separated, for --output=help and errors. */
char *ctl_columns_list (guint n_headers, const char *const *headers);

G_END_DECLS
