/* georepd: the ring of a session's samples (gr-history.h). */
#include "gr-history.h"

struct _GrHistory {
  GrHistorySample *ring; /* a ring once full */
  guint len;
  guint allocated; /* doubles up to the capacity */
  guint capacity;
  guint oldest; /* index of the oldest sample once full */
};

GrHistory *
gr_history_new (guint capacity)
{
  GrHistory *history = g_new0 (GrHistory, 1);

  history->capacity = MAX (capacity, 1);
  return history;
}

void
gr_history_free (GrHistory *history)
{
  g_free (history->ring);
  g_free (history);
}

void
gr_history_add (GrHistory *history, const GrHistorySample *sample)
{
  if (history->len < history->capacity)
    {
      if (history->len == history->allocated)
        {
          history->allocated =
              MIN (MAX (history->allocated * 2, 16), history->capacity);
          history->ring =
              g_renew (GrHistorySample, history->ring, history->allocated);
        }
      history->ring[history->len++] = *sample;
      return;
    }
  history->ring[history->oldest] = *sample;
  history->oldest = (history->oldest + 1) % history->capacity;
}

guint
gr_history_get_length (GrHistory *history)
{
  return history->len;
}

const GrHistorySample *
gr_history_get (GrHistory *history, guint index)
{
  g_return_val_if_fail (index < history->len, NULL);
  return &history->ring[(history->oldest + index) % history->len];
}

gsize
gr_history_get_memory (GrHistory *history)
{
  return sizeof *history + history->allocated * sizeof (GrHistorySample);
}

static GVariant *
sample_to_variant (const GrHistorySample *sample)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "time",
                         g_variant_new_uint64 ((guint64) sample->time));
  g_variant_builder_add (&builder, "{sv}", "lag",
                         g_variant_new_int64 (sample->lag));
#define ADD(key, type, value)                                                  \
  g_variant_builder_add (&builder, "{sv}", key, g_variant_new_##type (value))
  ADD ("entry", uint64, sample->entry);
  ADD ("data", uint64, sample->data);
  ADD ("meta", uint64, sample->meta);
  ADD ("failures", uint64, sample->failures);
  ADD ("active", uint32, sample->active);
  ADD ("passive", uint32, sample->passive);
  ADD ("faulty", uint32, sample->faulty);
  ADD ("other", uint32, sample->other);
#undef ADD
  return g_variant_builder_end (&builder);
}

GVariant *
gr_history_to_variant (GrHistory *history, gint64 since)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < history->len; i++)
    {
      const GrHistorySample *sample = gr_history_get (history, i);

      if ((gint64) sample->time >= since)
        g_variant_builder_add_value (&builder, sample_to_variant (sample));
    }
  return g_variant_builder_end (&builder);
}

/* --- JSON --- */

#define N_FIELDS 10

JsonNode *
gr_history_to_json (GrHistory *history)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      const GrHistorySample *s = gr_history_get (history, i);
      const gint64 fields[N_FIELDS] = { s->time,   s->lag,     s->entry,
                                        s->data,   s->meta,    s->failures,
                                        s->active, s->passive, s->faulty,
                                        s->other };

      json_builder_begin_array (builder);
      for (guint f = 0; f < N_FIELDS; f++)
        json_builder_add_int_value (builder, fields[f]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static gboolean
read_fields (JsonNode *node, gint64 *fields)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != N_FIELDS)
    return FALSE;
  for (guint f = 0; f < N_FIELDS; f++)
    {
      JsonNode *field = json_array_get_element (array, f);

      if (json_node_get_value_type (field) != G_TYPE_INT64)
        return FALSE;
      fields[f] = json_node_get_int (field);
    }
  return TRUE;
}

/* A file written by someone else must not make nonsense: every field in
 * its range, the lag known or -1. */
static gboolean
sample_from_fields (const gint64 *f, GrHistorySample *sample)
{
  if (f[0] <= 0 || f[0] > G_MAXUINT32 || f[1] < -1 || f[1] > G_MAXINT32)
    return FALSE;
  for (guint i = 2; i < N_FIELDS; i++)
    if (f[i] < 0 || f[i] > (i < 6 ? G_MAXUINT32 : G_MAXUINT16))
      return FALSE;
  *sample =
      (GrHistorySample){ (guint32) f[0], (gint32) f[1], f[2], f[3], f[4],
                         f[5],           f[6],          f[7], f[8], f[9] };
  return TRUE;
}

guint
gr_history_add_json (GrHistory *history, JsonNode *node)
{
  JsonArray *array;
  guint added = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      guint len = history->len;
      gint64 fields[N_FIELDS];
      GrHistorySample sample;

      if (!read_fields (json_array_get_element (array, i), fields) ||
          !sample_from_fields (fields, &sample) ||
          (len > 0 && sample.time <= gr_history_get (history, len - 1)->time))
        continue;
      gr_history_add (history, &sample);
      added++;
    }
  return added;
}
