/* georepd: reading an event's body.
 *
 * glustereventsd POSTs {"nodeid", "ts", "event", "message"}. The event's
 * content is never trusted further than naming what to re-read: names
 * that could not be a session's mean "everything". */
#include <json-glib/json-glib.h>
#include <string.h>

#include "gr-events-parse.h"
#include "gr-text.h"
#include "gr-validate.h"

static const char *
member (JsonObject *message, const char *name, const char *old_name)
{
  JsonNode *node = json_object_get_member (message, name);

  if (node == NULL)
    node = json_object_get_member (message, old_name);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* "host::volume", as in the secondary of GEOREP_CREATE and friends. */
static void
split_secondary (const char *url, char **host, char **secondary)
{
  const char *sep = url ? g_strrstr (url, "::") : NULL;
  const char *at;

  if (sep == NULL)
    return;
  at = memchr (url, '@', sep - url);
  *host = g_strndup (at ? at + 1 : url, sep - (at ? at + 1 : url));
  *secondary = g_strdup (sep + 2);
}

static void
session_of (JsonObject *message, char **primary, char **host, char **secondary)
{
  const char *volume = member (message, "primary_volume", "master_volume");

  if (volume != NULL)
    {
      *primary = g_strdup (volume);
      *host = g_strdup (member (message, "secondary_host", "slave_host"));
      *secondary =
          g_strdup (member (message, "secondary_volume", "slave_volume"));
    }
  else
    {
      *primary = g_strdup (member (message, "primary", "master"));
      split_secondary (member (message, "secondary", "slave"), host, secondary);
    }
  /* Only names that could be ours name a session; anything else means
   * "refresh everything". */
  if (!gr_validate_volume (*primary, NULL) || !gr_validate_host (*host, NULL) ||
      !gr_validate_volume (*secondary, NULL))
    {
      g_clear_pointer (primary, g_free);
      g_clear_pointer (host, g_free);
      g_clear_pointer (secondary, g_free);
    }
}

void
gr_event_worker_clear (GrEventWorker *worker)
{
  g_clear_pointer (&worker->node, g_free);
  g_clear_pointer (&worker->node_uuid, g_free);
  g_clear_pointer (&worker->brick, g_free);
  worker->checkpoint_time = worker->checkpoint_completion_time = 0;
}

/* A brick path: absolute, printable, bounded. */
static gboolean
is_brick_path (const char *text)
{
  return text != NULL && text[0] == '/' && strlen (text) <= 4096 &&
         gr_text_is_clean (text, 4096);
}

static guint64
time_member (JsonObject *message, const char *name)
{
  JsonNode *node = json_object_get_member (message, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return 0;
  return (guint64) json_node_get_int (node);
}

static void
worker_of (JsonObject *message, GrEventWorker *worker)
{
  const char *node = member (message, "primary_node", "master_node");
  const char *uuid = member (message, "primary_node_id", "master_node_id");
  const char *brick = member (message, "brick_path", "brick_path");

  if (gr_validate_host (node, NULL))
    worker->node = g_strdup (node);
  if (gr_validate_uuid (uuid, NULL))
    worker->node_uuid = g_ascii_strdown (uuid, -1);
  if (is_brick_path (brick))
    worker->brick = g_strdup (brick);
  worker->checkpoint_time = time_member (message, "checkpoint_time");
  worker->checkpoint_completion_time =
      time_member (message, "checkpoint_completion_time");
}

gboolean
gr_events_parse (const char *body,
                 gsize len,
                 char **event,
                 char **primary,
                 char **host,
                 char **secondary,
                 GrEventWorker *worker)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *fixed = NULL;
  gsize fixed_len = 0;
  JsonNode *root;
  JsonNode *message;
  const char *name;

  *event = *primary = *host = *secondary = NULL;
  /* Python escapes bytes that are not UTF-8 as lone surrogates. */
  fixed = gr_text_json_fix (body, len, &fixed_len);
  if (!json_parser_load_from_data (parser, fixed, (gssize) fixed_len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  /* Any type may come where a string belongs: member() checks. */
  name = member (json_node_get_object (root), "event", "event");
  if (name == NULL || !g_str_has_prefix (name, "GEOREP_") || strlen (name) > 64)
    return FALSE;
  *event = gr_text_clean (name, 64);
  message = json_object_get_member (json_node_get_object (root), "message");
  if (message == NULL || !JSON_NODE_HOLDS_OBJECT (message))
    return TRUE;
  session_of (json_node_get_object (message), primary, host, secondary);
  if (worker != NULL)
    worker_of (json_node_get_object (message), worker);
  return TRUE;
}
