/* georepd: history.json (gr-history-store.h). */
#include <errno.h>
#include <glib/gstdio.h>

#include "gr-history-store.h"

#define STORE_VERSION 1

static JsonObject *
sessions_of (JsonNode *root)
{
  JsonObject *object;
  JsonNode *sessions;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (json_object_get_int_member_with_default (object, "version", 0) !=
      STORE_VERSION)
    return NULL;
  sessions = json_object_get_member (object, "sessions");
  if (sessions == NULL || !JSON_NODE_HOLDS_OBJECT (sessions))
    return NULL;
  return json_object_ref (json_node_get_object (sessions));
}

static void
set_aside (const char *path, const char *why)
{
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);

  if (g_rename (path, aside) == 0)
    g_warning ("%s is not a history file (%s); moved it to %s", path, why,
               aside);
  else
    g_warning ("%s is not a history file (%s) and cannot be moved aside", path,
               why);
}

JsonObject *
gr_history_store_load (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;
  JsonObject *sessions;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        set_aside (path, error->message);
      return json_object_new ();
    }
  sessions = sessions_of (json_parser_get_root (parser));
  if (sessions == NULL)
    {
      set_aside (path, "not of version 1");
      return json_object_new ();
    }
  return sessions;
}

gboolean
gr_history_store_save (const char *path, JsonObject *sessions, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STORE_VERSION);
  json_builder_set_member_name (builder, "sessions");
  json_builder_add_value (builder,
                          json_node_init_object (json_node_alloc (), sessions));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Cannot create %s", dir);
      return FALSE;
    }
  return g_file_set_contents_full (path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT |
                                       G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
