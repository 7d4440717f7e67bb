/* georepd: the per-node record of worker reasons.
 *
 * Written by one node's georepd, read by the others': what it reads is
 * another machine's text, checked like any input (a uuid, absolute
 * brick paths, reasons cleaned and bounded) and never more than a
 * reason to show. */
#include <string.h>

#include "gr-reasons-record.h"
#include "gr-text.h"
#include "gr-validate.h"

#define REASON_MAX 2048
#define PATH_MAX_LEN 4096

JsonBuilder *
gr_reasons_record_begin (const char *node_uuid, gint64 now)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "node-uuid");
  json_builder_add_string_value (builder, node_uuid);
  json_builder_set_member_name (builder, "written");
  json_builder_add_int_value (builder, now);
  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_object (builder);
  return builder;
}

static void
add_worker (JsonBuilder *builder, GVariant *worker)
{
  const char *brick = "", *status = "", *reason = "";
  guint64 time = 0;

  g_variant_lookup (worker, "primary-brick", "&s", &brick);
  g_variant_lookup (worker, "status", "&s", &status);
  g_variant_lookup (worker, "last-error", "&s", &reason);
  g_variant_lookup (worker, "last-error-time", "t", &time);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "brick");
  json_builder_add_string_value (builder, brick);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  json_builder_set_member_name (builder, "time");
  json_builder_add_int_value (builder, (gint64) MIN (time, G_MAXINT64));
  json_builder_end_object (builder);
}

static gboolean
is_own_failed (GVariant *worker, const char *node_uuid)
{
  const char *uuid = NULL, *reason = NULL;

  return g_variant_lookup (worker, "primary-node-uuid", "&s", &uuid) &&
         g_strcmp0 (uuid, node_uuid) == 0 &&
         g_variant_lookup (worker, "last-error", "&s", &reason) &&
         *reason != '\0';
}

void
gr_reasons_record_add_session (JsonBuilder *builder,
                               const char *label,
                               GVariant *workers,
                               const char *node_uuid)
{
  gboolean begun = FALSE;

  for (gsize i = 0; i < g_variant_n_children (workers); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (workers, i);

      if (!is_own_failed (worker, node_uuid))
        continue;
      if (!begun)
        {
          json_builder_set_member_name (builder, label);
          json_builder_begin_array (builder);
          begun = TRUE;
        }
      add_worker (builder, worker);
    }
  if (begun)
    json_builder_end_array (builder);
}

char *
gr_reasons_record_end (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

GHashTable *
gr_reasons_record_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

static const char *
string_of (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
read_worker (JsonObject *worker, const char *uuid, GHashTable *reasons)
{
  const char *brick = string_of (worker, "brick");
  const char *reason = string_of (worker, "reason");
  JsonNode *time = json_object_get_member (worker, "time");
  gint64 seconds = 0;
  g_autofree char *clean = NULL;

  if (brick == NULL || brick[0] != '/' || strlen (brick) > PATH_MAX_LEN ||
      !gr_text_is_clean (brick, PATH_MAX_LEN) || reason == NULL ||
      *reason == '\0')
    return;
  if (time != NULL && json_node_get_value_type (time) == G_TYPE_INT64)
    seconds = MAX (json_node_get_int (time), 0);
  clean = gr_text_clean (reason, REASON_MAX);
  g_hash_table_insert (
      reasons, g_strdup_printf ("%s\n%s", uuid, brick),
      g_variant_ref_sink (g_variant_new ("(st)", clean, (guint64) seconds)));
}

/* The reasons of one session's workers in the record. */
static void
read_session (JsonArray *workers,
              const char *label,
              const char *uuid,
              GHashTable *by_label)
{
  GHashTable *reasons = g_hash_table_lookup (by_label, label);

  if (reasons == NULL)
    {
      reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_variant_unref);
      g_hash_table_insert (by_label, g_strdup (label), reasons);
    }
  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonNode *worker = json_array_get_element (workers, i);

      if (JSON_NODE_HOLDS_OBJECT (worker))
        read_worker (json_node_get_object (worker), uuid, reasons);
    }
}

static JsonObject *
object_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                               : NULL;
}

gboolean
gr_reasons_record_parse (const char *json,
                         gsize len,
                         GHashTable *by_label,
                         char **node_uuid)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *sessions;
  const char *uuid;
  g_autoptr (GList) labels = NULL;

  if (!json_parser_load_from_data (parser, json, (gssize) len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root) ||
      !gr_validate_uuid (
          uuid = string_of (json_node_get_object (root), "node-uuid"), NULL) ||
      (sessions = object_member (json_node_get_object (root), "sessions")) ==
          NULL)
    return FALSE;
  labels = json_object_get_members (sessions);
  for (GList *l = labels; l != NULL; l = l->next)
    {
      JsonNode *workers = json_object_get_member (sessions, l->data);

      if (JSON_NODE_HOLDS_ARRAY (workers) &&
          gr_text_is_clean (l->data, PATH_MAX_LEN))
        read_session (json_node_get_array (workers), l->data, uuid, by_label);
    }
  if (node_uuid != NULL)
    *node_uuid = g_ascii_strdown (uuid, -1);
  return TRUE;
}
