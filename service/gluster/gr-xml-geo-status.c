/* georepd: `gluster --xml volume geo-replication [P H::S] status [detail]`,
 * in one pass (gr-xml-cli-output.h).
 *
 *   cliOutput/geoRep/volume/{name, sessions/session/{session_secondary,
 *     pair/{primary_node, primary_brick, secondary_user, secondary,
 *     secondary_node, status, crawl_status, entry, data, meta, failures,
 *     checkpoint_completed, primary_node_uuid, last_synced,
 *     checkpoint_time, checkpoint_completion_time}}}
 *
 * Gluster <= 9 says session_slave, master_node, master_brick, slave_user,
 * slave, slave_node and master_node_uuid. Since a volume's <name> could
 * come after its sessions, they wait in @pending until the volume ends. */
#include "gr-validate.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-geo-session.h"
#include "gr-xml-geo-status.h"
#include "gr-xml-values.h"

enum {
  GEO_REP = GR_XML_FIRST_KIND,
  VOLUME,
  VOLUME_NAME,
  SESSIONS,
  SESSION,
  SESSION_ID,
  PAIR,
  PRIMARY_NODE,
  PRIMARY_NODE_UUID,
  PRIMARY_BRICK,
  SECONDARY_USER,
  SECONDARY,
  SECONDARY_NODE,
  STATUS,
  CRAWL_STATUS,
  ENTRY,
  DATA,
  META,
  FAILURES,
  CHECKPOINT_COMPLETED,
  LAST_SYNCED,
  CHECKPOINT_TIME,
  CHECKPOINT_COMPLETION_TIME,
};

/* A value, under its only or Gluster >= 10 name, or its <= 9 name. */
#define FIELD(parent, name, kind)                                              \
  {                                                                            \
    parent, name, kind, GR_XML_FIRST, TRUE                                     \
  }
#define OLD_FIELD(parent, name, kind)                                          \
  {                                                                            \
    parent, name, kind, GR_XML_FIRST_OLD, TRUE                                 \
  }

static const GrXmlRule rules[] = {
  { GR_XML_CLI_OUTPUT, "geoRep", GEO_REP, GR_XML_FIRST },
  { GEO_REP, "volume", VOLUME, GR_XML_EACH },
  FIELD (VOLUME, "name", VOLUME_NAME),
  { VOLUME, "sessions", SESSIONS, GR_XML_FIRST },
  { SESSIONS, "session", SESSION, GR_XML_EACH },
  FIELD (SESSION, "session_secondary", SESSION_ID),
  OLD_FIELD (SESSION, "session_slave", SESSION_ID),
  { SESSION, "pair", PAIR, GR_XML_EACH },
  FIELD (PAIR, "primary_node", PRIMARY_NODE),
  OLD_FIELD (PAIR, "master_node", PRIMARY_NODE),
  FIELD (PAIR, "primary_node_uuid", PRIMARY_NODE_UUID),
  OLD_FIELD (PAIR, "master_node_uuid", PRIMARY_NODE_UUID),
  FIELD (PAIR, "primary_brick", PRIMARY_BRICK),
  OLD_FIELD (PAIR, "master_brick", PRIMARY_BRICK),
  FIELD (PAIR, "secondary_user", SECONDARY_USER),
  OLD_FIELD (PAIR, "slave_user", SECONDARY_USER),
  FIELD (PAIR, "secondary", SECONDARY),
  OLD_FIELD (PAIR, "slave", SECONDARY),
  FIELD (PAIR, "secondary_node", SECONDARY_NODE),
  OLD_FIELD (PAIR, "slave_node", SECONDARY_NODE),
  FIELD (PAIR, "status", STATUS),
  FIELD (PAIR, "crawl_status", CRAWL_STATUS),
  FIELD (PAIR, "entry", ENTRY),
  FIELD (PAIR, "data", DATA),
  FIELD (PAIR, "meta", META),
  FIELD (PAIR, "failures", FAILURES),
  FIELD (PAIR, "checkpoint_completed", CHECKPOINT_COMPLETED),
  FIELD (PAIR, "last_synced", LAST_SYNCED),
  FIELD (PAIR, "checkpoint_time", CHECKPOINT_TIME),
  FIELD (PAIR, "checkpoint_completion_time", CHECKPOINT_COMPLETION_TIME),
};

typedef struct {
  GrSessionList list;
  char *primary;            /* the <name> of the <volume> being read */
  GPtrArray *pending;       /* its GrSessionStatus *, unidentified: no host */
  GrSessionStatus *session; /* the <session> being read */
  char *session_id;         /* its session_secondary */
  char *first_url;          /* its first pair's secondary */
  char *first_user;         /* its first pair's secondary_user */
  GrWorker *worker;         /* the <pair> being read */
} GrStatusReader;

static void
on_start (gpointer data, guint kind)
{
  GrStatusReader *reader = data;

  if (kind == SESSION)
    reader->session = gr_session_status_new ();
  else if (kind == PAIR)
    reader->worker = g_new0 (GrWorker, 1); /* strings: see end_pair() */
}

static void
end_session (GrStatusReader *reader)
{
  GrSessionStatus *session = g_steal_pointer (&reader->session);

  /* An unidentified session is kept to be warned about with its volume. */
  gr_xml_session_identify (session, reader->session_id, reader->first_url,
                           reader->first_user);
  g_ptr_array_add (reader->pending, session);
  g_clear_pointer (&reader->session_id, g_free);
  g_clear_pointer (&reader->first_url, g_free);
  g_clear_pointer (&reader->first_user, g_free);
}

static void
add_pending (GrStatusReader *reader)
{
  for (guint i = 0; i < reader->pending->len; i++)
    {
      GrSessionStatus *session = g_steal_pointer (&reader->pending->pdata[i]);

      if (session->secondary_host == NULL)
        {
          g_warning ("Ignoring a geo-replication session of %s without a "
                     "usable secondary",
                     reader->primary);
          gr_session_status_free (session);
          continue;
        }
      session->primary_volume = g_strdup (reader->primary);
      gr_session_list_add (&reader->list, session);
    }
}

static void
end_volume (GrStatusReader *reader)
{
  if (gr_validate_volume (reader->primary, NULL))
    add_pending (reader);
  else
    g_warning ("Ignoring geo-replication sessions of a volume with an "
               "unusable name");
  g_ptr_array_set_size (reader->pending, 0);
  g_clear_pointer (&reader->primary, g_free);
}

/* Only the first pair of a session speaks for its secondary. */
static void
end_pair_secondary (GrStatusReader *reader, guint kind, const char *text)
{
  if (reader->session->workers->len > 0)
    return;
  if (kind == SECONDARY)
    gr_xml_sax_set (&reader->first_url, text);
  else
    gr_xml_sax_set (&reader->first_user, text);
}

static char **
worker_string (GrWorker *worker, guint kind)
{
  switch (kind)
    {
      case PRIMARY_NODE:
        return &worker->primary_node;
      case PRIMARY_NODE_UUID:
        return &worker->primary_node_uuid;
      case PRIMARY_BRICK:
        return &worker->primary_brick;
      case SECONDARY_NODE:
        return &worker->secondary_node;
      default:
        return NULL;
    }
}

static guint64 *
worker_counter (GrWorker *worker, guint kind)
{
  switch (kind)
    {
      case ENTRY:
        return &worker->entry;
      case DATA:
        return &worker->data;
      case META:
        return &worker->meta;
      case FAILURES:
        return &worker->failures;
      default:
        return NULL;
    }
}

static guint64 *
worker_time (GrWorker *worker, guint kind)
{
  switch (kind)
    {
      case LAST_SYNCED:
        return &worker->last_synced;
      case CHECKPOINT_TIME:
        return &worker->checkpoint_time;
      case CHECKPOINT_COMPLETION_TIME:
        return &worker->checkpoint_completion_time;
      default:
        return NULL;
    }
}

/* A worker starts without strings, so that none is allocated only to be
 * replaced; those the pair did not give read "", as from gr_worker_new(). */
static void
end_pair (GrStatusReader *reader)
{
  GrWorker *worker = g_steal_pointer (&reader->worker);

  for (guint kind = PRIMARY_NODE; kind <= CHECKPOINT_COMPLETION_TIME; kind++)
    {
      char **string = worker_string (worker, kind);

      if (string != NULL && *string == NULL)
        *string = g_strdup ("");
    }
  if (g_str_equal (worker->secondary_node, "N/A"))
    gr_xml_sax_set (&worker->secondary_node, "");
  g_ptr_array_add (reader->session->workers, worker);
}

static void
end_worker_field (GrWorker *worker, guint kind, const char *text)
{
  char **string;
  guint64 *number;

  if ((string = worker_string (worker, kind)) != NULL)
    gr_xml_sax_set (string, text);
  else if ((number = worker_counter (worker, kind)) != NULL)
    *number = gr_xml_parse_uint64 (text);
  else if ((number = worker_time (worker, kind)) != NULL)
    *number = gr_xml_parse_time (text);
  else if (kind == CHECKPOINT_COMPLETED)
    worker->checkpoint_completed = g_str_equal (text, "Yes");
  else if (kind == STATUS)
    worker->status = gr_worker_status_parse (text);
  else if (kind == CRAWL_STATUS)
    worker->crawl_status = gr_crawl_status_parse (text);
}

static void
on_end (gpointer data, guint kind, const char *name, char *text)
{
  GrStatusReader *reader = data;

  switch (kind)
    {
      case VOLUME_NAME:
        gr_xml_sax_set (&reader->primary, text);
        break;
      case VOLUME:
        end_volume (reader);
        break;
      case SESSION_ID:
        gr_xml_sax_set (&reader->session_id, text);
        break;
      case SESSION:
        end_session (reader);
        break;
      case PAIR:
        end_pair (reader);
        break;
      case SECONDARY:
      case SECONDARY_USER:
        end_pair_secondary (reader, kind, text);
        break;
      case GEO_REP:
      case SESSIONS:
        break;
      default:
        end_worker_field (reader->worker, kind, text);
        break;
    }
}

static GrXmlSchema schema = {
  .rules = rules,
  .n_rules = G_N_ELEMENTS (rules),
  .section = GEO_REP,
  .start = on_start,
  .end = on_end,
};

/* What a document that ended early leaves half read. */
static void
reader_clear (GrStatusReader *reader)
{
  g_clear_pointer (&reader->pending, g_ptr_array_unref);
  g_clear_pointer (&reader->primary, g_free);
  g_clear_pointer (&reader->session, gr_session_status_free);
  g_clear_pointer (&reader->session_id, g_free);
  g_clear_pointer (&reader->first_url, g_free);
  g_clear_pointer (&reader->first_user, g_free);
  g_clear_pointer (&reader->worker, gr_worker_free);
  gr_session_list_clear (&reader->list);
}

gpointer
gr_xml_read_geo_status (const char *data,
                        gsize len,
                        GrCliStatus *envelope,
                        GError **error)
{
  GrStatusReader reader = { 0 };
  GPtrArray *sessions = NULL;

  gr_session_list_init (&reader.list);
  reader.pending =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_session_status_free);
  if (gr_xml_sax_parse (&schema, data, len, &reader, envelope, error))
    sessions = gr_session_list_steal (&reader.list);
  reader_clear (&reader);
  return sessions;
}
