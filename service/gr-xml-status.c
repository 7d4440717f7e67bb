/* georepd: `gluster --xml volume geo-replication [P H::S] status [detail]`.
 *
 *   cliOutput/geoRep/volume/{name, sessions/session/{session_secondary,
 *     pair/{primary_node, primary_brick, secondary_user, secondary,
 *     secondary_node, status, crawl_status, entry, data, meta, failures,
 *     checkpoint_completed, primary_node_uuid, last_synced,
 *     checkpoint_time, checkpoint_completion_time}}}
 *
 * Gluster <= 9 says session_slave, master_node, master_brick, slave_user,
 * slave, slave_node and master_node_uuid. A session is one
 * primary volume, secondary host and secondary volume: should gluster
 * list it under more than one <session>, the workers are merged. */
#include <string.h>

#include "gr-error.h"
#include "gr-xml.h"

#define UUID_LEN 36

static void
take_text (char **field, char *text)
{
  if (text == NULL)
    return;
  g_free (*field);
  *field = text;
}

static GrWorker *
parse_pair (xmlNode *pair)
{
  GrWorker *worker = gr_worker_new ();

  take_text (&worker->primary_node,
             gr_xml_child_text_any (pair, "primary_node", "master_node"));
  take_text (
      &worker->primary_node_uuid,
      gr_xml_child_text_any (pair, "primary_node_uuid", "master_node_uuid"));
  take_text (&worker->primary_brick,
             gr_xml_child_text_any (pair, "primary_brick", "master_brick"));
  take_text (&worker->secondary_node,
             gr_xml_child_text_any (pair, "secondary_node", "slave_node"));
  if (g_str_equal (worker->secondary_node, "N/A"))
    take_text (&worker->secondary_node, g_strdup (""));
  take_text (&worker->status, gr_xml_child_text (pair, "status"));
  take_text (&worker->crawl_status, gr_xml_child_text (pair, "crawl_status"));
  worker->entry = gr_xml_child_uint64 (pair, "entry");
  worker->data = gr_xml_child_uint64 (pair, "data");
  worker->meta = gr_xml_child_uint64 (pair, "meta");
  worker->failures = gr_xml_child_uint64 (pair, "failures");
  return worker;
}

static guint64
child_time (xmlNode *pair, const char *name)
{
  g_autofree char *text = gr_xml_child_text (pair, name);

  return gr_xml_parse_time (text);
}

static GrWorker *
parse_worker (xmlNode *pair)
{
  GrWorker *worker = parse_pair (pair);
  g_autofree char *completed = gr_xml_child_text (pair, "checkpoint_completed");

  worker->checkpoint_completed = g_strcmp0 (completed, "Yes") == 0;
  worker->last_synced = child_time (pair, "last_synced");
  worker->checkpoint_time = child_time (pair, "checkpoint_time");
  worker->checkpoint_completion_time =
      child_time (pair, "checkpoint_completion_time");
  return worker;
}

static gboolean
is_uuid_at (const char *text)
{
  g_autofree char *uuid = g_strndup (text, UUID_LEN);

  return strlen (uuid) == UUID_LEN && g_uuid_string_is_valid (uuid);
}

/* Leaves "[user@]host::vol" of "<uuid>:ssh://[user@]host::vol:<uuid>".
 * The trailing uuid goes only after a single ':', so that a volume name
 * that looks like a uuid in "host::<name>" stays. */
static char *
strip_frame (const char *text)
{
  const char *scheme = strstr (text, "ssh://");
  char *rest, *colon;

  if (scheme != NULL)
    text = scheme + strlen ("ssh://");
  else if (is_uuid_at (text) && text[UUID_LEN] == ':')
    text += UUID_LEN + 1;
  rest = g_strdup (text);
  colon = strrchr (rest, ':');
  if (colon != NULL && colon > rest && colon[-1] != ':' &&
      g_uuid_string_is_valid (colon + 1))
    *colon = '\0';
  return rest;
}

static char *
unbracket (const char *host)
{
  gsize len = strlen (host);

  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    return g_strndup (host + 1, len - 2);
  return g_strdup (host);
}

gboolean
gr_xml_split_secondary (const char *text,
                        char **user,
                        char **host,
                        char **volume)
{
  g_autofree char *rest = strip_frame (text);
  /* Volume names have no ':', so the last "::" ends even an IPv6 host. */
  char *separator = g_strrstr (rest, "::");
  char *at = strchr (rest, '@');
  g_autofree char *host_part = NULL;

  if (separator == NULL || (at != NULL && at > separator))
    return FALSE;
  *separator = '\0';
  host_part = unbracket (at ? at + 1 : rest);
  if (at != NULL)
    *at = '\0';
  if (!gr_xml_is_name (host_part) || !gr_xml_is_name (separator + 2) ||
      (at != NULL && !gr_xml_is_name (rest)))
    return FALSE;
  *user = at ? g_strdup (rest) : NULL;
  *host = g_steal_pointer (&host_part);
  *volume = g_strdup (separator + 2);
  return TRUE;
}

/* The identity from session_secondary, else from the first pair's
 * "secondary" URL; the user from either, else the pair's secondary_user. */
static gboolean
session_identity (xmlNode *session, GrSessionStatus *status)
{
  g_autofree char *id =
      gr_xml_child_text_any (session, "session_secondary", "session_slave");
  xmlNode *pair = gr_xml_child (session, "pair");
  g_autofree char *url =
      pair ? gr_xml_child_text_any (pair, "secondary", "slave") : NULL;
  g_autofree char *pair_user =
      pair ? gr_xml_child_text_any (pair, "secondary_user", "slave_user")
           : NULL;
  char *user = NULL;

  if (!(id && gr_xml_split_secondary (id, &user, &status->secondary_host,
                                      &status->secondary_volume)) &&
      !(url && gr_xml_split_secondary (url, &user, &status->secondary_host,
                                       &status->secondary_volume)))
    return FALSE;
  if (user == NULL && gr_xml_is_name (pair_user))
    user = g_steal_pointer (&pair_user);
  status->secondary_user = user ? user : g_strdup ("root");
  return TRUE;
}

static GrSessionStatus *
parse_session (xmlNode *session, const char *primary)
{
  g_autoptr (GrSessionStatus) status = gr_session_status_new ();

  if (!session_identity (session, status))
    {
      g_warning (
          "Ignoring a geo-replication session of %s without a usable secondary",
          primary);
      return NULL;
    }
  status->primary_volume = g_strdup (primary);
  for (xmlNode *pair = gr_xml_child (session, "pair"); pair;
       pair = gr_xml_next (pair, "pair"))
    g_ptr_array_add (status->workers, parse_worker (pair));
  return g_steal_pointer (&status);
}

static char *
session_key (const GrSessionStatus *status)
{
  return g_strjoin ("\n", status->primary_volume, status->secondary_host,
                    status->secondary_volume, NULL);
}

/* Adds @status to @sessions, or its workers to the session already there. */
static void
add_session (GPtrArray *sessions, GHashTable *by_key, GrSessionStatus *status)
{
  g_autofree char *key = session_key (status);
  GrSessionStatus *known = g_hash_table_lookup (by_key, key);

  if (known == NULL)
    {
      g_hash_table_insert (by_key, g_steal_pointer (&key), status);
      g_ptr_array_add (sessions, status);
      return;
    }
  g_ptr_array_extend_and_steal (known->workers,
                                g_steal_pointer (&status->workers));
  gr_session_status_free (status);
}

static void
parse_volume (xmlNode *volume, GPtrArray *sessions, GHashTable *by_key)
{
  g_autofree char *primary = gr_xml_child_text (volume, "name");
  xmlNode *list = gr_xml_child (volume, "sessions");

  if (!gr_xml_is_name (primary))
    {
      g_warning ("Ignoring geo-replication sessions of a volume with an "
                 "unusable name");
      return;
    }
  for (xmlNode *node = gr_xml_child (list, "session"); node;
       node = gr_xml_next (node, "session"))
    {
      GrSessionStatus *status = parse_session (node, primary);

      if (status != NULL)
        add_session (sessions, by_key, status);
    }
}

GPtrArray *
gr_xml_parse_geo_status (xmlDoc *doc, GError **error)
{
  xmlNode *geo = gr_xml_cli_section (doc, "geoRep", error);
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (GHashTable) by_key = NULL;

  if (geo == NULL)
    return NULL;
  sessions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_session_status_free);
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (xmlNode *volume = gr_xml_child (geo, "volume"); volume;
       volume = gr_xml_next (volume, "volume"))
    parse_volume (volume, sessions, by_key);
  return g_steal_pointer (&sessions);
}
