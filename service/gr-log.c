/* georepd: log writer selection. */
#include <stdio.h>
#include <unistd.h>

#include "gr-log.h"

static GLogWriterOutput
gr_log_writer (GLogLevelFlags level,
               const GLogField *fields,
               gsize n_fields,
               gpointer user_data)
{
  /* Debug messages are dropped unless asked for: --verbose or the usual
   * G_MESSAGES_DEBUG. */
  if (g_log_writer_default_would_drop (level, G_LOG_DOMAIN))
    return G_LOG_WRITER_HANDLED;
  if (g_log_writer_is_journald (fileno (stderr)) &&
      g_log_writer_journald (level, fields, n_fields, user_data) ==
          G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_standard_streams (level, fields, n_fields, user_data);
}

void
gr_log_setup (gboolean verbose)
{
  if (verbose)
    g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (gr_log_writer, NULL, NULL);
}
