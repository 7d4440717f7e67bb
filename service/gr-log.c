/* georepd: where log messages go. Under systemd, stderr is a stream to
 * journald: the structured fields (MESSAGE_ID, GEOREPD_SESSION, …) then
 * go to the journal through libsystemd's sd_journal_sendv(), so that
 * `journalctl MESSAGE_ID=…` finds them. Anywhere else (a terminal, the
 * test sandbox) they are written to stderr as text. */
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <syslog.h>
#include <systemd/sd-journal.h>

#include "gr-log.h"

/* journald's field limit is far above anything georepd logs. */
#define GR_LOG_MAX_FIELDS 32

int
gr_log_priority (GLogLevelFlags level)
{
  if (level & G_LOG_LEVEL_ERROR)
    return LOG_CRIT;
  if (level & G_LOG_LEVEL_CRITICAL)
    return LOG_ERR;
  if (level & G_LOG_LEVEL_WARNING)
    return LOG_WARNING;
  if (level & G_LOG_LEVEL_MESSAGE)
    return LOG_NOTICE;
  if (level & G_LOG_LEVEL_INFO)
    return LOG_INFO;
  return LOG_DEBUG;
}

/* "KEY=value" of one field; its value may be binary, with a length. */
static char *
field_entry (const GLogField *field, gsize *length)
{
  gsize key_length = strlen (field->key);
  gsize value_length =
      field->length < 0 ? strlen (field->value) : (gsize) field->length;
  char *entry = g_malloc (key_length + 1 + value_length);

  memcpy (entry, field->key, key_length);
  entry[key_length] = '=';
  memcpy (entry + key_length + 1, field->value, value_length);
  *length = key_length + 1 + value_length;
  return entry;
}

/* PRIORITY from the level, then every field GLib hands us but its own
 * PRIORITY (GLIB_DOMAIN and the like are kept: they say where a line
 * came from). */
gsize
gr_log_fields_to_iovec (GLogLevelFlags level,
                        const GLogField *fields,
                        gsize n_fields,
                        GPtrArray *storage,
                        struct iovec *iov,
                        gsize n_iov)
{
  char *priority = g_strdup_printf ("PRIORITY=%d", gr_log_priority (level));
  gsize n = 0;

  g_ptr_array_add (storage, priority);
  iov[n++] = (struct iovec){ priority, strlen (priority) };
  for (gsize i = 0; i < n_fields && n < n_iov; i++)
    {
      if (g_str_equal (fields[i].key, "PRIORITY"))
        continue;
      iov[n].iov_base = field_entry (&fields[i], &iov[n].iov_len);
      g_ptr_array_add (storage, iov[n++].iov_base);
    }
  return n;
}

static GLogWriterOutput
write_to_journal (GLogLevelFlags level, const GLogField *fields, gsize n_fields)
{
  g_autoptr (GPtrArray) storage = g_ptr_array_new_with_free_func (g_free);
  struct iovec iov[GR_LOG_MAX_FIELDS];
  gsize n = gr_log_fields_to_iovec (level, fields, n_fields, storage, iov,
                                    G_N_ELEMENTS (iov));

  return sd_journal_sendv (iov, (int) n) == 0 ? G_LOG_WRITER_HANDLED
                                              : G_LOG_WRITER_UNHANDLED;
}

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
      write_to_journal (level, fields, n_fields) == G_LOG_WRITER_HANDLED)
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
