/* georepd: sync-windows.json (gr-window-store.h). Read back as untrusted
 * input: a run member of the wrong type never reaches the bus. */
#include <errno.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gr-window-store.h"

struct _GrWindowStore {
  char *path;
  JsonObject *sessions; /* label → { schedule, timeout, runs } */
};

/* A run's members and their D-Bus types. */
static const struct {
  const char *key;
  const char *type;
} run_members[] = {
  { "start", "t" },
  { "end", "t" },
  { "result", "s" },
  { "reason", "s" },
  { "checkpoint-time", "t" },
  { "trigger", "s" },
  { "job", "o" },
};

static JsonObject *
load (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;
  JsonNode *sessions;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("%s is not read: %s", path, error->message);
      return json_object_new ();
    }
  root = json_parser_get_root (parser);
  sessions =
      root && JSON_NODE_HOLDS_OBJECT (root)
          ? json_object_get_member (json_node_get_object (root), "sessions")
          : NULL;
  if (sessions == NULL || !JSON_NODE_HOLDS_OBJECT (sessions))
    {
      g_warning ("%s is not a georepd sync windows file; ignored", path);
      return json_object_new ();
    }
  return json_object_ref (json_node_get_object (sessions));
}

GrWindowStore *
gr_window_store_new (const char *state_dir)
{
  GrWindowStore *store = g_new0 (GrWindowStore, 1);

  store->path = g_build_filename (state_dir, GR_WINDOW_STORE_FILE, NULL);
  store->sessions = load (store->path);
  return store;
}

void
gr_window_store_free (GrWindowStore *store)
{
  json_object_unref (store->sessions);
  g_free (store->path);
  g_free (store);
}

static void
save (GrWindowStore *store)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) object = json_object_new ();
  g_autofree char *dir = g_path_get_dirname (store->path);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  json_object_set_int_member (object, "version", 1);
  json_object_set_object_member (object, "sessions",
                                 json_object_ref (store->sessions));
  json_node_set_object (root, object);
  text = json_to_string (root, TRUE);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (store->path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                     G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    g_warning ("Cannot save %s: %s", store->path,
               error ? error->message : g_strerror (errno));
}

/* The entry of @label; created when @create. */
static JsonObject *
entry (GrWindowStore *store, const char *label, gboolean create)
{
  JsonNode *node = json_object_get_member (store->sessions, label);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (!create)
    return NULL;
  json_object_set_object_member (store->sessions, label, json_object_new ());
  return json_object_get_object_member (store->sessions, label);
}

const char *
gr_window_store_get_schedule (GrWindowStore *store,
                              const char *label,
                              guint *timeout)
{
  JsonObject *session = entry (store, label, FALSE);
  JsonNode *node =
      session ? json_object_get_member (session, "schedule") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  *timeout = (guint) CLAMP (
      json_object_get_int_member_with_default (session, "timeout", 0), 0,
      G_MAXUINT);
  return json_node_get_string (node);
}

void
gr_window_store_set_schedule (GrWindowStore *store,
                              const char *label,
                              const char *schedule,
                              guint timeout)
{
  JsonObject *session = entry (store, label, TRUE);

  if (schedule == NULL)
    {
      json_object_remove_member (session, "schedule");
      json_object_remove_member (session, "timeout");
    }
  else
    {
      json_object_set_string_member (session, "schedule", schedule);
      json_object_set_int_member (session, "timeout", timeout);
    }
  save (store);
}

static JsonArray *
runs_of (GrWindowStore *store, const char *label, gboolean create)
{
  JsonObject *session = entry (store, label, create);
  JsonNode *node = session ? json_object_get_member (session, "runs") : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  if (!create)
    return NULL;
  json_object_set_array_member (session, "runs", json_array_new ());
  return json_object_get_array_member (session, "runs");
}

void
gr_window_store_add_run (GrWindowStore *store, const char *label, GVariant *run)
{
  JsonArray *runs = runs_of (store, label, TRUE);

  json_array_add_element (runs, json_gvariant_serialize (run));
  while (json_array_get_length (runs) > GR_WINDOW_RUNS_MAX)
    json_array_remove_element (runs, 0);
  save (store);
}

static GVariant *
member_value (JsonObject *run, const char *key, const char *type)
{
  JsonNode *node = json_object_get_member (run, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (*type == 't')
    return json_node_get_value_type (node) == G_TYPE_INT64 &&
                   json_node_get_int (node) >= 0
               ? g_variant_new_uint64 ((guint64) json_node_get_int (node))
               : NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  if (*type == 'o')
    return g_variant_is_object_path (json_node_get_string (node))
               ? g_variant_new_object_path (json_node_get_string (node))
               : NULL;
  return g_utf8_validate (json_node_get_string (node), -1, NULL)
             ? g_variant_new_string (json_node_get_string (node))
             : NULL;
}

static GVariant *
run_to_variant (JsonNode *node)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0;
       JSON_NODE_HOLDS_OBJECT (node) && i < G_N_ELEMENTS (run_members); i++)
    {
      GVariant *value = member_value (json_node_get_object (node),
                                      run_members[i].key, run_members[i].type);

      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", run_members[i].key, value);
    }
  return g_variant_builder_end (&builder);
}

GVariant *
gr_window_store_get_runs (GrWindowStore *store, const char *label)
{
  JsonArray *runs = runs_of (store, label, FALSE);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; runs != NULL && i < json_array_get_length (runs); i++)
    g_variant_builder_add_value (
        &builder, run_to_variant (json_array_get_element (runs, i)));
  return g_variant_builder_end (&builder);
}

GVariant *
gr_window_store_get_last_run (GrWindowStore *store, const char *label)
{
  JsonArray *runs = runs_of (store, label, FALSE);
  guint n = runs ? json_array_get_length (runs) : 0;

  if (n == 0)
    return g_variant_new ("a{sv}", NULL);
  return run_to_variant (json_array_get_element (runs, n - 1));
}

void
gr_window_store_forget (GrWindowStore *store, const char *label)
{
  if (!json_object_has_member (store->sessions, label))
    return;
  json_object_remove_member (store->sessions, label);
  save (store);
}
