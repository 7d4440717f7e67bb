/* georepd: a session's recent past, a bounded series of samples
 * (Session.GetHistory), oldest first; the oldest drops out when full. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* 32 bytes: a day of samples a minute is 45 KiB a session. */
typedef struct {
  guint32 time; /* Unix seconds (until 2106) */
  gint32 lag;   /* seconds (clamped, 68 years), GR_LAG_UNKNOWN (gr-lag.h) */
  /* Pending changes and failures over the workers, clamped. */
  guint32 entry;
  guint32 data;
  guint32 meta;
  guint32 failures;
  /* Workers in each state. */
  guint16 active;
  guint16 passive;
  guint16 faulty;
  guint16 other;
} GrHistorySample;

typedef struct _GrHistory GrHistory;

/* Keeps at most @capacity samples (at least 1); the memory for them is
 * taken as they come. */
GrHistory *gr_history_new (guint capacity);
void gr_history_free (GrHistory *history);

void gr_history_add (GrHistory *history, const GrHistorySample *sample);
guint gr_history_get_length (GrHistory *history);
/* The @index-th sample, 0 the oldest. */
const GrHistorySample *gr_history_get (GrHistory *history, guint index);
/* Bytes the history holds, its samples included. */
gsize gr_history_get_memory (GrHistory *history);

/* GetHistory's answer (aa{sv}, floating): the samples since @since. */
GVariant *gr_history_to_variant (GrHistory *history, gint64 since);

/* For the state directory: an array of arrays, one per sample, in the
 * order of GrHistorySample's fields. */
JsonNode *gr_history_to_json (GrHistory *history);
/* Adds the samples of @node that are well formed and newer than the
 * newest held; returns how many it added. */
guint gr_history_add_json (GrHistory *history, JsonNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrHistory, gr_history_free)

G_END_DECLS
