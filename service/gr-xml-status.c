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
#include "gr-error.h"
#include "gr-xml-session.h"
#include "gr-xml.h"

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

  return gr_xml_session_identify (status, id, url, pair_user);
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

static void
parse_volume (xmlNode *volume, GrSessionList *list)
{
  g_autofree char *primary = gr_xml_child_text (volume, "name");
  xmlNode *sessions = gr_xml_child (volume, "sessions");

  if (!gr_xml_is_name (primary))
    {
      g_warning ("Ignoring geo-replication sessions of a volume with an "
                 "unusable name");
      return;
    }
  for (xmlNode *node = gr_xml_child (sessions, "session"); node;
       node = gr_xml_next (node, "session"))
    {
      GrSessionStatus *status = parse_session (node, primary);

      if (status != NULL)
        gr_session_list_add (list, status);
    }
}

GPtrArray *
gr_xml_parse_geo_status (xmlDoc *doc, GError **error)
{
  xmlNode *geo = gr_xml_cli_section (doc, "geoRep", error);
  GrSessionList list;

  if (geo == NULL)
    return NULL;
  gr_session_list_init (&list);
  for (xmlNode *volume = gr_xml_child (geo, "volume"); volume;
       volume = gr_xml_next (volume, "volume"))
    parse_volume (volume, &list);
  return gr_session_list_steal (&list);
}
