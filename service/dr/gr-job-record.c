/* georepd: a long operation's state and its transitions
 * (gr-job-record.h). The file is read back as untrusted input: every
 * member is type-checked, and a step index or state that does not fit is
 * a record refused, never one repaired by guessing. */
#include "gr-error.h"
#include "gr-job-record.h"
#include "gr-text.h"

static const char *const state_names[] = {
  [GR_JOB_STATE_RUNNING] = "running", [GR_JOB_STATE_WAITING] = "waiting",
  [GR_JOB_STATE_FAILED] = "failed",   [GR_JOB_STATE_COMPLETED] = "completed",
  [GR_JOB_STATE_ABORTED] = "aborted",
};

const char *
gr_job_state_to_string (GrJobState state)
{
  return state_names[state];
}

gboolean
gr_job_state_parse (const char *text, GrJobState *state)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (text, state_names[i]))
      {
        *state = (GrJobState) i;
        return TRUE;
      }
  return FALSE;
}

GrJobRecord *
gr_job_record_new (const char *id,
                   const char *operation,
                   const char *object,
                   const char *const *steps)
{
  GrJobRecord *record = g_new0 (GrJobRecord, 1);

  record->id = g_strdup (id);
  record->operation = g_strdup (operation);
  record->object = g_strdup (object);
  record->steps = g_strdupv ((char **) steps);
  record->state = GR_JOB_STATE_RUNNING;
  record->error = g_strdup ("");
  record->message = g_strdup ("");
  record->start_time = (guint64) g_get_real_time ();
  record->params =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return record;
}

void
gr_job_record_free (GrJobRecord *record)
{
  g_free (record->id);
  g_free (record->operation);
  g_free (record->object);
  g_strfreev (record->steps);
  g_free (record->error);
  g_free (record->message);
  g_hash_table_unref (record->params);
  g_free (record);
}

const char *
gr_job_record_current_step (const GrJobRecord *record)
{
  return record->current < g_strv_length (record->steps)
             ? record->steps[record->current]
             : NULL;
}

gboolean
gr_job_record_is_final (const GrJobRecord *record)
{
  return record->state == GR_JOB_STATE_COMPLETED ||
         record->state == GR_JOB_STATE_ABORTED;
}

const char *
gr_job_record_get (const GrJobRecord *record, const char *key)
{
  return g_hash_table_lookup (record->params, key);
}

void
gr_job_record_set (GrJobRecord *record, const char *key, const char *value)
{
  if (value == NULL)
    g_hash_table_remove (record->params, key);
  else
    g_hash_table_replace (record->params, g_strdup (key), g_strdup (value));
}

/* --- transitions --------------------------------------------------------- */

static gboolean
require_state (const GrJobRecord *record,
               guint allowed, /* bit mask of GrJobState */
               const char *what,
               GError **error)
{
  if (allowed & (1u << record->state))
    return TRUE;
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID_STATE,
               "Job %s is %s: it cannot %s", record->id,
               gr_job_state_to_string (record->state), what);
  return FALSE;
}

#define STATE_BIT(s) (1u << GR_JOB_STATE_##s)

static void
set_text (char **field, const char *text)
{
  g_free (*field);
  *field = gr_text_clean (text ? text : "", GR_TEXT_MESSAGE_MAX);
}

static void
finish (GrJobRecord *record, GrJobState state)
{
  record->state = state;
  record->end_time = (guint64) g_get_real_time ();
}

gboolean
gr_job_record_step_done (GrJobRecord *record, GError **error)
{
  if (!require_state (record, STATE_BIT (RUNNING), "end a step", error))
    return FALSE;
  record->current++;
  set_text (&record->message, "");
  if (gr_job_record_current_step (record) == NULL)
    finish (record, GR_JOB_STATE_COMPLETED);
  return TRUE;
}

gboolean
gr_job_record_fail (GrJobRecord *record, const char *why, GError **error)
{
  if (!require_state (record, STATE_BIT (RUNNING), "fail", error))
    return FALSE;
  record->state = GR_JOB_STATE_FAILED;
  set_text (&record->error, why);
  return TRUE;
}

gboolean
gr_job_record_wait (GrJobRecord *record, const char *what, GError **error)
{
  if (!require_state (record, STATE_BIT (RUNNING), "wait", error))
    return FALSE;
  record->state = GR_JOB_STATE_WAITING;
  set_text (&record->message, what);
  return TRUE;
}

gboolean
gr_job_record_resume (GrJobRecord *record, GError **error)
{
  if (!require_state (record, STATE_BIT (WAITING) | STATE_BIT (FAILED),
                      "be resumed (only a waiting or failed job can)", error))
    return FALSE;
  record->state = GR_JOB_STATE_RUNNING;
  set_text (&record->error, "");
  return TRUE;
}

gboolean
gr_job_record_abort (GrJobRecord *record, GError **error)
{
  if (!require_state (record,
                      STATE_BIT (RUNNING) | STATE_BIT (WAITING) |
                          STATE_BIT (FAILED),
                      "be aborted", error))
    return FALSE;
  finish (record, GR_JOB_STATE_ABORTED);
  return TRUE;
}

/* --- JSON ---------------------------------------------------------------- */

static void
add_strv (JsonObject *object, const char *name, char **values)
{
  JsonArray *array = json_array_new ();

  for (char **v = values; *v; v++)
    json_array_add_string_element (array, *v);
  json_object_set_array_member (object, name, array);
}

static JsonObject *
params_to_json (GHashTable *params)
{
  JsonObject *object = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (object, key, value);
  return object;
}

JsonNode *
gr_job_record_to_json (const GrJobRecord *record)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", record->id);
  json_object_set_string_member (object, "operation", record->operation);
  json_object_set_string_member (object, "object", record->object);
  add_strv (object, "steps", record->steps);
  json_object_set_int_member (object, "current", record->current);
  json_object_set_string_member (object, "state",
                                 gr_job_state_to_string (record->state));
  json_object_set_string_member (object, "error", record->error);
  json_object_set_string_member (object, "message", record->message);
  json_object_set_int_member (object, "start-time",
                              (gint64) record->start_time);
  json_object_set_int_member (object, "end-time", (gint64) record->end_time);
  json_object_set_object_member (object, "params",
                                 params_to_json (record->params));
  json_node_take_object (node, object);
  return node;
}

/* A string member, or NULL when missing or of another type. */
static const char *
get_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_time (JsonObject *object, const char *name, guint64 *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return FALSE;
  *value = (guint64) json_node_get_int (node);
  return TRUE;
}

/* The step names: NULL unless a non-empty array of clean names. */
static char **
get_steps (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "steps");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_VALUE (element)
                             ? json_node_get_string (element)
                             : NULL;

      if (name == NULL || !gr_text_is_clean (name, 64) || *name == '\0')
        return NULL;
      g_strv_builder_add (builder, name);
    }
  return json_array_get_length (array) ? g_strv_builder_end (builder) : NULL;
}

static gboolean
read_params (JsonObject *object, GHashTable *params)
{
  JsonNode *node = json_object_get_member (object, "params");
  g_autoptr (GList) names = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l; l = l->next)
    {
      const char *value = get_string (json_node_get_object (node), l->data);

      if (value == NULL || !gr_text_is_clean (value, GR_TEXT_MESSAGE_MAX))
        return FALSE;
      g_hash_table_replace (params, g_strdup (l->data), g_strdup (value));
    }
  return TRUE;
}

static gboolean
is_job_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 20)
    return FALSE;
  for (const char *c = id; *c; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

static gboolean
read_members (JsonObject *object, GrJobRecord *record)
{
  JsonNode *current = json_object_get_member (object, "current");
  const char *error = get_string (object, "error");
  const char *message = get_string (object, "message");

  if (current == NULL || !JSON_NODE_HOLDS_VALUE (current) ||
      json_node_get_value_type (current) != G_TYPE_INT64 ||
      json_node_get_int (current) < 0 ||
      json_node_get_int (current) > g_strv_length (record->steps) ||
      !gr_job_state_parse (get_string (object, "state"), &record->state) ||
      error == NULL || message == NULL ||
      !get_time (object, "start-time", &record->start_time) ||
      !get_time (object, "end-time", &record->end_time))
    return FALSE;
  record->current = (guint) json_node_get_int (current);
  set_text (&record->error, error);
  set_text (&record->message, message);
  return read_params (object, record->params);
}

GrJobRecord *
gr_job_record_from_json (JsonNode *node)
{
  JsonObject *object =
      JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_auto (GStrv) steps = object ? get_steps (object) : NULL;
  g_autoptr (GrJobRecord) record = NULL;
  const char *id, *operation, *path;

  if (steps == NULL)
    return NULL;
  id = get_string (object, "id");
  operation = get_string (object, "operation");
  path = get_string (object, "object");
  if (!is_job_id (id) || operation == NULL ||
      !gr_text_is_clean (operation, 64) || path == NULL ||
      !g_variant_is_object_path (path))
    return NULL;
  record = gr_job_record_new (id, operation, path, (const char *const *) steps);
  if (!read_members (object, record))
    return NULL;
  return g_steal_pointer (&record);
}
