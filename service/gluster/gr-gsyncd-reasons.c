/* georepd: the last failure per worker and of the monitor
 * (gr-gsyncd-reasons.h). */
#include <string.h>

#include "gr-gsyncd-cause.h"
#include "gr-gsyncd-reasons.h"

/* The key of the monitor's reason: no brick path is empty. */
#define MONITOR_KEY ""

struct _GrGsyncdReasons {
  GHashTable *by_brick; /* brick path or MONITOR_KEY → GrGsyncdReason */
  /* gsyncd logs an exception as "FAIL: " and then the traceback, whose
   * last line says what went wrong: the FAIL line waits for it here. */
  GrGsyncdLine *failing;
};

static void
reason_free (GrGsyncdReason *reason)
{
  g_free (reason->cause);
  g_free (reason->message);
  g_free (reason);
}

GrGsyncdReasons *
gr_gsyncd_reasons_new (void)
{
  GrGsyncdReasons *reasons = g_new0 (GrGsyncdReasons, 1);

  reasons->by_brick = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) reason_free);
  return reasons;
}

void
gr_gsyncd_reasons_free (GrGsyncdReasons *reasons)
{
  if (reasons == NULL)
    return;
  g_hash_table_unref (reasons->by_brick);
  g_clear_pointer (&reasons->failing, gr_gsyncd_line_free);
  g_free (reasons);
}

/* How much a cause tells: a recognized one most, an unrecognized error
 * least. */
static guint
weight (const GrGsyncdCause *cause)
{
  if (cause == NULL || g_str_equal (cause->id, GR_GSYNCD_CAUSE_UNKNOWN))
    return 0;
  return cause->specific ? 2 : 1;
}

static gboolean
keeps_old (const GrGsyncdReason *old,
           const GrGsyncdCause *cause,
           const GrGsyncdLine *line)
{
  if (old == NULL ||
      weight (cause) >= weight (gr_gsyncd_cause_lookup (old->cause)))
    return FALSE;
  return line->time - old->time <= GR_GSYNCD_REASON_HOLD * G_USEC_PER_SEC;
}

static gboolean
set_reason (GrGsyncdReasons *reasons,
            const GrGsyncdCause *cause,
            const GrGsyncdLine *line)
{
  const char *key = line->brick ? line->brick : MONITOR_KEY;
  GrGsyncdReason *reason;

  if (keeps_old (g_hash_table_lookup (reasons->by_brick, key), cause, line))
    return FALSE;
  reason = g_new0 (GrGsyncdReason, 1);
  reason->cause = g_strdup (cause->id);
  reason->message = gr_gsyncd_cause_describe (cause, line);
  reason->time = line->time;
  g_hash_table_replace (reasons->by_brick, g_strdup (key), reason);
  return TRUE;
}

static gboolean
clear_reason (GrGsyncdReasons *reasons, const GrGsyncdLine *line)
{
  gboolean changed = g_hash_table_remove (reasons->by_brick, MONITOR_KEY);

  if (line->brick != NULL)
    changed |= g_hash_table_remove (reasons->by_brick, line->brick);
  return changed;
}

/* "FAIL:" and nothing else: the reason follows in a traceback. */
static gboolean
is_bare_fail (const GrGsyncdLine *line)
{
  return line->level >= GR_GSYNCD_LEVEL_ERROR &&
         line->role != GR_GSYNCD_ROLE_OTHER &&
         g_str_equal (g_strstrip (line->message), "FAIL:");
}

/* A traceback's last line: "SomeError: what" (Python's exception name,
 * dots allowed, then a colon). */
static gboolean
is_exception_line (const char *text)
{
  const char *colon = strchr (text, ':');

  if (colon == NULL || colon == text)
    return FALSE;
  for (const char *p = text; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.')
      return FALSE;
  return g_strstr_len (text, colon - text, "Error") != NULL ||
         g_strstr_len (text, colon - text, "Exception") != NULL;
}

static gboolean
feed_traceback (GrGsyncdReasons *reasons, const char *raw_line, gsize len)
{
  g_autofree char *text =
      gr_gsyncd_clean (raw_line, (gssize) len, GR_GSYNCD_MESSAGE_MAX);
  g_autoptr (GrGsyncdLine) line = NULL;
  const GrGsyncdCause *cause;

  if (!is_exception_line (g_strstrip (text)))
    return FALSE;
  line = g_steal_pointer (&reasons->failing);
  g_free (line->message);
  line->message = g_strconcat ("FAIL: ", text, NULL);
  cause = gr_gsyncd_cause_find (line);
  return cause != NULL && set_reason (reasons, cause, line);
}

gboolean
gr_gsyncd_reasons_feed (GrGsyncdReasons *reasons,
                        const char *raw_line,
                        gsize len)
{
  g_autoptr (GrGsyncdLine) line = gr_gsyncd_line_parse (raw_line, len);
  const GrGsyncdCause *cause;

  if (line == NULL)
    return reasons->failing != NULL && feed_traceback (reasons, raw_line, len);
  g_clear_pointer (&reasons->failing, gr_gsyncd_line_free);
  if (is_bare_fail (line))
    {
      reasons->failing = g_steal_pointer (&line);
      return FALSE;
    }
  if (gr_gsyncd_line_is_recovery (line))
    return clear_reason (reasons, line);
  /* A helper's error (config-get, status) is not the session's. */
  if (line->role == GR_GSYNCD_ROLE_OTHER)
    return FALSE;
  cause = gr_gsyncd_cause_find (line);
  return cause != NULL && set_reason (reasons, cause, line);
}

const GrGsyncdReason *
gr_gsyncd_reasons_get (GrGsyncdReasons *reasons, const char *brick)
{
  return g_hash_table_lookup (reasons->by_brick, brick ? brick : MONITOR_KEY);
}

static gboolean
is_specific (const GrGsyncdReason *reason)
{
  const GrGsyncdCause *cause = gr_gsyncd_cause_lookup (reason->cause);

  return cause != NULL && cause->specific;
}

/* A recognized cause tells more than a newer "worker died". */
static gboolean
tells_more (const GrGsyncdReason *reason, const GrGsyncdReason *than)
{
  if (than == NULL)
    return TRUE;
  if (is_specific (reason) != is_specific (than))
    return is_specific (reason);
  return reason->time > than->time;
}

const GrGsyncdReason *
gr_gsyncd_reasons_latest (GrGsyncdReasons *reasons, gint64 since)
{
  const GrGsyncdReason *best = NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, reasons->by_brick);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const GrGsyncdReason *reason = value;

      if (reason->time >= since && tells_more (reason, best))
        best = reason;
    }
  return best;
}
